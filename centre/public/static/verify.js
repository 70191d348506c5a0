// The verification page's own check, run in the phone's browser: the QR's Ed25519 signature against the centre's
// trust list (itself signed by the centre's key, pinned on the first visit), so a forged QR is told from a real
// one even offline. Format: wirecontract/qrpayload.py; trust list: centre/terminals/trust_list.py.
"use strict";
(function () {
  const enc = new TextEncoder();
  const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  function b32decode(text) {
    let bits = 0, value = 0;
    const out = [];
    for (const ch of text) {
      const i = B32.indexOf(ch);
      if (i < 0) return null;
      value = (value << 5) | i; bits += 5;
      if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
    }
    if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return null; // canonical form only, as the centre
    return new Uint8Array(out);
  }
  function b32encode(bytes) {
    let bits = 0, value = 0, out = "";
    for (const b of bytes) {
      value = (value << 8) | b; bits += 8;
      while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
    }
    if (bits > 0) out += B32[(value << (5 - bits)) & 31];
    return out;
  }
  function b64url(text) {
    const s = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  }
  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }
  // Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
    }
    return JSON.stringify(value);
  }
  async function ed25519(publicRaw, message, signature) {
    const key = await crypto.subtle.importKey("raw", publicRaw, { name: "Ed25519" }, false, ["verify"]);
    return crypto.subtle.verify({ name: "Ed25519" }, key, signature, message);
  }
  function day(n) { return new Date(Date.UTC(2000, 0, 1) + n * 86400000).toISOString().slice(0, 10); }

  function parseClaims(body) {
    let at = 0;
    const take = (n) => { if (at + n > body.length) throw new Error("truncated"); const s = body.slice(at, at + n); at += n; return s; };
    const header = take(1)[0];
    if (header >> 4 !== 1 || (header & 0x0e)) throw new Error("format");
    const keyId = b32encode(take(8));
    const d = take(6);
    const validFrom = day((d[0] << 8) | d[1]), validTo = day((d[2] << 8) | d[3]);
    let version = 0, shift = 0;
    for (;;) { const b = take(1)[0]; version |= (b & 0x7f) << shift; shift += 7; if (!(b & 0x80)) break; if (shift > 28) throw new Error("version"); }
    take(1); // stars
    const gb = new TextDecoder("gb18030", { fatal: true });
    const text = () => gb.decode(take(take(1)[0]));
    const credentialNo = text(), name = text(); text(); const agency = text();
    if (at !== body.length) throw new Error("trailing");
    return { demo: !!(header & 1), keyId, validFrom, validTo, version, credentialNo, name, agency };
  }

  // The trust list, checked against the centre key pinned on this phone (first visit: the page's own).
  async function trustList(pageKey) {
    const pinned = localStorage.getItem("hsc-centre-key") || pageKey;
    if (!pinned) return null;
    let list;
    try {
      const response = await fetch("/v1/trust-list", { headers: { Accept: "application/json" } });
      if (!response.ok) return null;
      list = await response.json();
    } catch (e) { return null; }
    const signature = list.signature;
    const body = {};
    for (const k of Object.keys(list)) if (k !== "signature" && k !== "server_time") body[k] = list[k];
    if (body.centre_public_key !== pinned) return null;
    if (!(await ed25519(b64url(pinned), enc.encode(canonical(body)), b64url(signature)))) return null;
    localStorage.setItem("hsc-centre-key", pinned);
    return body;
  }

  // "genuine" (signed by a trusted key of the agency owning the number, inside its window), or why not.
  async function checkQr(scanned, list, allowDemo, today) {
    const cut = scanned.lastIndexOf("/V/");
    const base = scanned.slice(0, cut + 3), raw = b32decode(scanned.slice(cut + 3));
    if (cut < 0 || !raw || raw.length < 67) return { result: "malformed" };
    const claimsBytes = raw.slice(0, raw.length - 66), sig = raw.slice(raw.length - 66, raw.length - 2);
    const check = new Uint8Array(await crypto.subtle.digest("SHA-256", concat(enc.encode(base), claimsBytes, sig)));
    if (check[0] !== raw[raw.length - 2] || check[1] !== raw[raw.length - 1]) return { result: "altered" };
    let claims;
    try { claims = parseClaims(claimsBytes); } catch (e) { return { result: "malformed" }; }
    let key = null, agency = null;
    for (const a of list.agencies) for (const k of a.keys) if (k.key_id === claims.keyId) { key = k; agency = a; }
    if (!key) return { result: "unknown_terminal", claims };
    const message = concat(enc.encode("SH-HSC-QR1"), enc.encode(base), claimsBytes);
    if (!(await ed25519(b64url(key.public_key), message, sig))) return { result: "forged", claims };
    if (key.status === "compromised") return { result: "compromised", claims };
    if (key.valid_until && claims.validFrom > key.valid_until.slice(0, 10)) return { result: "after_retirement", claims };
    const match = /^SH\d{4}(\d{4})\d{5}$/.exec(claims.credentialNo);
    if (!match || !agency.keys.some((k) => k.terminal_number === match[1])) return { result: "not_the_agencys", claims };
    if (claims.demo && !allowDemo) return { result: "demo", claims };
    if (today < claims.validFrom || today > claims.validTo) return { result: "out_of_dates", claims, agency };
    return { result: "genuine", claims, agency };
  }

  const WORDS = {
    zh: { genuine: "签名真实（签发机构：{agency}）", forged: "签名不正确：二维码是伪造的", altered: "二维码内容被改动过",
          malformed: "不是上门服务证二维码", unknown_terminal: "签发终端不在中心公布的信任列表中", compromised: "签发终端已被吊销，其签发的证件无效",
          after_retirement: "签发终端停用后签发，无效", not_the_agencys: "证件编号不属于签发机构：伪造", demo: "演示证件，非真实证件",
          out_of_dates: "签名真实，但不在有效期内", no_list: "无法取得中心的信任列表（请联网打开一次本页）" },
    en: { genuine: "Genuine signature (issued by {agency})", forged: "Wrong signature: the QR code is forged",
          altered: "The QR content was changed", malformed: "Not a home-service credential QR code",
          unknown_terminal: "The issuing terminal is not on the centre's trust list", compromised: "The issuing terminal was revoked: its cards are void",
          after_retirement: "Signed after the issuing terminal was retired: void", not_the_agencys: "The number does not belong to the issuing agency: forged",
          demo: "A demo credential, not a real one", out_of_dates: "Genuine signature, but outside its validity",
          no_list: "The centre's trust list is not available (open this page once with the network)" },
  };
  function mask(name) { return name.slice(0, 1) + "*".repeat(Math.max([...name].length - 1, 0)); }
  function say(lang, result, agency) { return (WORDS[lang] || WORDS.zh)[result].replace("{agency}", agency ? agency.name : ""); }

  async function run() {
    const body = document.body;
    const lang = body.dataset.lang || localStorage.getItem("hsc-lang") || "zh";
    localStorage.setItem("hsc-lang", lang);
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/p/sw.js", { scope: "/" }).catch(() => {});
    const scanned = location.origin.toUpperCase() + location.pathname;
    const list = await trustList(body.dataset.centreKey || "");
    const today = shanghaiDay(Date.now());
    const outcome = list ? await checkQr(scanned, list, body.dataset.demo === "1", today) : { result: "no_list" };
    const line = document.getElementById("sigcheck");
    line.dataset.check = outcome.result;
    line.querySelector("span").textContent = say(lang, outcome.result, outcome.agency);
    if (body.dataset.page === "offline") showOffline(lang, outcome);
  }

  // The page the service worker gives for /V/… without the network: what the signature says, and only that.
  function showOffline(lang, outcome) {
    const box = document.getElementById("light");
    const genuine = outcome.result === "genuine";
    box.className = "light " + (genuine ? "grey" : "red");
    box.dataset.light = genuine ? "grey" : "red";
    box.dataset.offline = outcome.result;
    box.querySelector("h1").textContent = genuine ? (lang === "en" ? "Signature genuine · status unknown" : "签名真实 · 状态未知")
      : (lang === "en" ? "Invalid" : "无效");
    box.querySelector("p").textContent = genuine
      ? (lang === "en" ? "Offline: the card was signed by its agency, but whether it is suspended or revoked needs the network. Connect and open this page again."
                       : "离线：证件确由发证机构签发，但是否被暂停或注销需要联网查询。请联网后重新打开本页。")
      : say(lang, outcome.result, outcome.agency) + (lang === "en" ? ". Do not accept the service." : "。请勿接受其上门服务。");
    if (outcome.claims && genuine) {
      const rows = [[lang === "en" ? "Credential no." : "证件编号", outcome.claims.credentialNo],
                    [lang === "en" ? "Holder" : "持证人", mask(outcome.claims.name)],
                    [lang === "en" ? "Agency" : "发证机构", outcome.agency.name],
                    [lang === "en" ? "Valid" : "有效期", outcome.claims.validFrom + " – " + outcome.claims.validTo]];
      const table = document.getElementById("claims");
      for (const [k, v] of rows) {
        const tr = table.insertRow(); const th = document.createElement("th"); th.textContent = k; tr.appendChild(th);
        tr.insertCell().textContent = v;
      }
    }
  }

  // A credential's dates are Shanghai calendar days (UTC+8, no summer time), whatever the phone's own zone.
  function shanghaiDay(ms) { return new Date(ms + 8 * 3600000).toISOString().slice(0, 10); }
  window.HSC = { b32decode, b32encode, b64url, concat, canonical, ed25519, trustList, checkQr, mask, say, shanghaiDay };
  if (document.body && document.body.dataset.page) run();
})();
