// The electronic credential in the browser (wirecontract/ecard.py; docs/keys-and-trust.md):
// - activate: make an Ed25519 key (else ECDSA P-256) the page cannot export, keep it in IndexedDB, register its public half with the
//   centre using the link's one-time code, keep the centre's certificate and the card beside it;
// - card: the worker's card face and a QR re-signed every minute (a fresh time signed by the phone's key over the
//   card's signed payload, with the centre's certificate of that key); its live status when online;
// - verify / offline: the chain checked in the page against the centre's signed trust list (verify.js's HSC):
//   the card's terminal signature, the centre's certificate, the phone's fresh signature.
"use strict";
(function () {
  const H = window.HSC;
  const enc = new TextEncoder();
  const WINDOW = 90, ROTATION = 60;
  const DB_NAME = "hsc-ecard", STORE = "card", SLOT = "current";

  // --- storage: one card per phone -------------------------------------------------------------------------
  function idb() {
    return new Promise((ok, fail) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
  }
  async function stored(write) {
    const db = await idb();
    return new Promise((ok, fail) => {
      const tx = db.transaction(STORE, write === undefined ? "readonly" : "readwrite");
      const req = write === undefined ? tx.objectStore(STORE).get(SLOT) : tx.objectStore(STORE).put(write, SLOT);
      req.onsuccess = () => ok(req.result === undefined ? null : req.result);
      req.onerror = () => fail(req.error);
    });
  }

  // --- bytes ---------------------------------------------------------------------------------------------------
  function u32(n) { return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]); }
  function readU32(b, at) { return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3]; }
  function toB64url(bytes) {
    return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  async function sha256(bytes) { return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)); }
  function nowSeconds() { return Math.floor(Date.now() / 1000); }
  function cardParts(cardUrl) {
    const cut = cardUrl.lastIndexOf("/V/");
    return { root: cardUrl.slice(0, cut), body: H.b32decode(cardUrl.slice(cut + 3)) };
  }

  // --- the shown code ------------------------------------------------------------------------------------------
  // Format 1: an Ed25519 phone key; format 2: ECDSA P-256 (browsers without Ed25519 in WebCrypto).
  async function present(card, now) {
    const ecdsa = card.alg === "ECDSA";
    const digest = await sha256(enc.encode(card.card_url));
    const message = H.concat(enc.encode("SH-HSC-ECARD-NOW1"), u32(now), digest);
    const params = ecdsa ? { name: "ECDSA", hash: "SHA-256" } : { name: "Ed25519" };
    const proof = new Uint8Array(await crypto.subtle.sign(params, card.key, message));
    const { root, body } = cardParts(card.card_url);
    const data = H.concat(new Uint8Array([ecdsa ? 2 : 1, body.length >> 8, body.length & 255]), body, H.b64url(card.public_key),
                          u32(card.certified), H.b64url(card.certificate), u32(now), proof);
    return root + "/E/" + H.b32encode(data);
  }

  function parseShown(text) {
    const cut = text.lastIndexOf("/E/");
    const raw = cut < 0 ? null : H.b32decode(text.slice(cut + 3));
    const keyLength = raw && raw.length >= 3 ? { 1: 32, 2: 65 }[raw[0]] : undefined;
    if (!keyLength) return null;
    const n = (raw[1] << 8) | raw[2];
    if (raw.length !== 3 + n + keyLength + 4 + 64 + 4 + 64) return null;
    let at = 3;
    const take = (k) => { const s = raw.slice(at, at + k); at += k; return s; };
    const card = take(n), pub = take(keyLength), certified = readU32(take(4), 0), cert = take(64);
    const now = readU32(take(4), 0), proof = take(64);
    return { cardUrl: text.slice(0, cut) + "/V/" + H.b32encode(card), pub, certified, cert, now, proof };
  }

  async function p256(publicRaw, message, signature) {
    try {
      const key = await crypto.subtle.importKey("raw", publicRaw, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
      return await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, signature, message);
    } catch (e) { return false; }
  }

  // The chain, as the centre checks it (centre/ecard/phones.py): card, certificate, fresh phone signature.
  async function checkShown(text, list, allowDemo, now) {
    const shown = parseShown(text);
    if (!shown) return { result: "malformed" };
    const card = await H.checkQr(shown.cardUrl, list, allowDemo, H.shanghaiDay(now * 1000));
    if (card.result !== "genuine") return card;
    const digest = await sha256(enc.encode(shown.cardUrl));
    const certified = H.concat(enc.encode("SH-HSC-ECARD-CERT1"), digest, shown.pub, u32(shown.certified));
    if (!(await H.ed25519(H.b64url(list.centre_public_key), certified, shown.cert))) return { result: "not_certified", claims: card.claims };
    const proof = H.concat(enc.encode("SH-HSC-ECARD-NOW1"), u32(shown.now), digest);
    const phoneSigned = shown.pub.length === 65 ? await p256(shown.pub, proof, shown.proof) : await H.ed25519(shown.pub, proof, shown.proof);
    if (!phoneSigned) return { result: "bad_proof", claims: card.claims };
    if (Math.abs(now - shown.now) > WINDOW) return { result: "stale", claims: card.claims, agency: card.agency };
    return { result: "fresh", claims: card.claims, agency: card.agency };
  }

  // --- words ---------------------------------------------------------------------------------------------------
  const WORDS = {
    zh: { card_title: "电子上门服务证", holder: "持证人", agency: "发证机构", number: "证件编号", version: "版本", validity: "有效期",
          to: "至", not_activated: "本手机尚未开通电子证件。请到发证机构领取开通链接。", no_photo: "无照片", demo: "演示数据，非真实证件",
          refresh: "二维码每分钟更新，截图无效。下次更新：{s} 秒", offline: "离线：显示上次确认的状态（{at}）", usable: "证件有效",
          disabled: "电子证件已停用：{why}", checking: "正在确认证件状态…", switch: "English",
          fresh: "电子证件：由持证人手机刚刚生成（签发机构：{agency}）", stale: "二维码已过时（可能是截图）：请让持证人在手机上重新打开电子证件",
          not_certified: "手机密钥未经中心认证：电子证件无效", bad_proof: "手机签名不正确：可能是伪造的",
          genuine_offline: "签名链完整 · 状态未知", genuine_offline_text: "离线：证件确由发证机构签发，手机密钥经中心认证，二维码是刚刚生成的；是否被暂停、注销或更换手机需要联网查询。",
          check_title: "电子上门服务证核验", offline_badge: "离线", expired: "已过有效期", invalid: "无效", do_not: "。请勿接受其上门服务。", error: "开通失败：{why}", activated: "已开通" },
    en: { card_title: "Electronic credential", holder: "Holder", agency: "Issuing agency", number: "Credential no.", version: "Version",
          validity: "Valid", to: "to", not_activated: "No electronic credential on this phone. Ask the issuing agency for an activation link.",
          no_photo: "No photo", demo: "Demo data, not a real credential",
          refresh: "The QR changes every minute; screenshots do not work. Next change in {s} s",
          offline: "Offline: showing the status last confirmed ({at})", usable: "Credential valid",
          disabled: "The electronic credential is disabled: {why}", checking: "Checking the credential's status…", switch: "中文",
          fresh: "E-credential: made just now by the holder's phone (issued by {agency})",
          stale: "The code is out of date (possibly a screenshot): ask the holder to open the e-credential again",
          not_certified: "The phone key is not certified by the centre: not valid", bad_proof: "The phone's signature is wrong: possibly forged",
          genuine_offline: "Chain complete · status unknown",
          genuine_offline_text: "Offline: the card was signed by its agency, the centre certified the phone's key and the code is fresh; whether it is suspended, revoked or moved to another phone needs the network.",
          check_title: "E-credential check", offline_badge: "Offline", expired: "expired", invalid: "Invalid", do_not: ". Do not accept the service.", error: "Activation failed: {why}", activated: "Activated" },
  };
  function langOf() {
    const asked = new URLSearchParams(location.search).get("lang");
    const lang = asked || document.body.dataset.lang || localStorage.getItem("hsc-lang") || "zh";
    localStorage.setItem("hsc-lang", lang === "en" ? "en" : "zh");
    return lang === "en" ? "en" : "zh";
  }
  function word(lang, key, values) {
    let text = (WORDS[lang] || WORDS.zh)[key] || key;
    for (const [k, v] of Object.entries(values || {})) text = text.replace("{" + k + "}", v);
    return text;
  }
  function noCrypto() { return document.getElementById("no-crypto").content.textContent; }
  function registerWorker() {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/p/sw.js", { scope: "/" }).catch(() => {});
  }

  // --- activation ------------------------------------------------------------------------------------------------
  async function activate(lang) {
    const button = document.getElementById("activate");
    const progress = document.getElementById("progress"), failure = document.getElementById("failure");
    button.disabled = true; progress.hidden = false; failure.hidden = true;
    try {
      let algorithm = { name: "Ed25519" }, keys;
      try { keys = await crypto.subtle.generateKey(algorithm, false, ["sign", "verify"]); }
      catch (e) {  // no Ed25519 in this browser's WebCrypto: P-256, which every WebCrypto has
        algorithm = { name: "ECDSA", namedCurve: "P-256" };
        keys = await crypto.subtle.generateKey(algorithm, false, ["sign", "verify"]);
      }
      const publicRaw = new Uint8Array(await crypto.subtle.exportKey("raw", keys.publicKey));
      const response = await fetch(location.pathname, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": document.body.dataset.csrf, Accept: "application/json" },
        body: JSON.stringify({ public_key: toB64url(publicRaw) }),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || String(response.status));
      if (!localStorage.getItem("hsc-centre-key")) localStorage.setItem("hsc-centre-key", answer.centre_key);
      await stored({ key: keys.privateKey, alg: algorithm.name, public_key: toB64url(publicRaw), phone_id: answer.phone_id,
                     card_url: answer.card_url, certified: answer.certified, certificate: answer.certificate,
                     card: answer.card, status: { usable: true, at: new Date().toISOString() } });
      location.assign("/e/");
    } catch (err) {
      // A DOMException here is WebCrypto or IndexedDB refusing (an old browser, a private window).
      const why = err instanceof DOMException ? noCrypto() : err.message;
      failure.textContent = word(lang, "error", { why });
      failure.hidden = false; progress.hidden = true; button.disabled = false;
    }
  }

  // --- the worker's card -------------------------------------------------------------------------------------------
  function fillWords(lang) {
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    for (const el of document.querySelectorAll("[data-word]")) el.textContent = word(lang, el.dataset.word);
    const sw = document.getElementById("switch");
    sw.textContent = word(lang, "switch");
    sw.onclick = (ev) => { ev.preventDefault(); localStorage.setItem("hsc-lang", lang === "en" ? "zh" : "en"); location.replace("/e/"); };
  }

  function drawQr(url) {
    const qr = qrcode(0, "M");
    qr.addData(url, "Alphanumeric");
    qr.make();
    const box = document.getElementById("qr");
    box.innerHTML = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
    box.dataset.url = url;
  }

  async function showCard(lang) {
    fillWords(lang);
    const card = await stored();
    if (!card) { document.getElementById("none").hidden = false; return; }
    const c = card.card;
    document.getElementById("card").hidden = false;
    document.getElementById("holder").textContent = c.holder;
    document.getElementById("agency").textContent = c.agency;
    document.getElementById("number").textContent = c.credential_no;
    document.getElementById("version").textContent = String(c.version);
    document.getElementById("validity").textContent = c.valid_from + " " + word(lang, "to") + " " + c.valid_to;
    document.getElementById("demo").hidden = !c.demo;
    const photo = document.getElementById("photo");
    if (c.photo && c.photo.startsWith("data:image/")) { photo.src = c.photo; photo.alt = c.holder; photo.hidden = false; }
    else document.getElementById("nophoto").hidden = false;

    let status = card.status || { usable: true };
    let shownAt = 0;
    const statusLine = document.getElementById("status");
    const disable = (why) => {
      document.getElementById("qr").innerHTML = ""; document.getElementById("qr").dataset.url = "";
      document.getElementById("refresh").textContent = "";
      statusLine.dataset.state = "disabled"; statusLine.className = "status disabled";
      statusLine.textContent = word(lang, "disabled", { why });
    };
    const expired = () => H.shanghaiDay(nowSeconds() * 1000) > c.valid_to;
    async function tick() {
      if (!status.usable) { disable(status.text || ""); return; }
      if (expired()) { disable(word(lang, "expired")); return; }
      const now = nowSeconds();
      if (now - shownAt >= ROTATION) {
        shownAt = now;
        drawQr(await present(card, now));
        document.getElementById("qr").dataset.at = String(now);
      }
      document.getElementById("refresh").textContent = word(lang, "refresh", { s: String(ROTATION - (now - shownAt)) });
    }
    async function refreshStatus() {
      try {
        const response = await fetch("/e/status/" + encodeURIComponent(card.phone_id) + "?lang=" + lang, { cache: "no-store" });
        const answer = await response.json();
        status = { usable: !!answer.usable, text: answer.text, state: answer.state, at: new Date().toISOString() };
        card.status = status;
        await stored(card);
        statusLine.dataset.state = answer.usable ? "usable" : "disabled";
        statusLine.className = "status " + (answer.usable ? answer.light : "disabled");
        statusLine.textContent = !answer.usable ? word(lang, "disabled", { why: answer.text })
          : word(lang, "usable") + (answer.light === "green" ? "" : " · " + answer.text);
      } catch (e) {
        statusLine.dataset.state = status.usable ? "offline" : "disabled";
        statusLine.textContent = status.usable ? word(lang, "offline", { at: (status.at || "").slice(0, 16).replace("T", " ") })
          : word(lang, "disabled", { why: status.text || "" });
      }
      await tick();
    }
    statusLine.textContent = word(lang, "checking");
    await tick();
    refreshStatus();
    setInterval(tick, 1000);
    setInterval(refreshStatus, 5 * 60 * 1000);
  }

  // --- a verifier's page (online: beside the centre's verdict; offline: alone) -------------------------------------
  async function checkHere(lang, offline) {
    const body = document.body;
    // Whether this centre shows demo credentials: as its page said when last online (the offline page is static).
    if (!offline) localStorage.setItem("hsc-demo", body.dataset.demo === "1" ? "1" : "0");
    const allowDemo = localStorage.getItem("hsc-demo") === "1";
    const list = await H.trustList(body.dataset.centreKey || "");
    const scanned = location.origin.toUpperCase() + location.pathname;
    const outcome = list ? await checkShown(scanned, list, allowDemo, nowSeconds()) : { result: "no_list" };
    const line = document.getElementById("sigcheck");
    line.dataset.check = outcome.result;
    const known = ["fresh", "stale", "not_certified", "bad_proof"].includes(outcome.result);
    line.querySelector("span").textContent = known ? word(lang, outcome.result, { agency: outcome.agency ? outcome.agency.name : "" })
      : (outcome.result === "genuine" ? "" : H.say(lang, outcome.result, outcome.agency));
    if (!offline) return;
    document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
    for (const el of document.querySelectorAll("[data-word]")) el.textContent = word(lang, el.dataset.word);
    const box = document.getElementById("light");
    const ok = outcome.result === "fresh";
    box.className = "light " + (ok ? "grey" : "red");
    box.dataset.light = ok ? "grey" : "red";
    box.dataset.offline = outcome.result;
    box.querySelector("h1").textContent = ok ? word(lang, "genuine_offline") : word(lang, "invalid");
    box.querySelector("p").textContent = ok ? word(lang, "genuine_offline_text") : line.querySelector("span").textContent + word(lang, "do_not");
    if (ok && outcome.claims) {
      const rows = [["number", outcome.claims.credentialNo], ["holder", H.mask(outcome.claims.name)],
                    ["agency", outcome.agency.name], ["validity", outcome.claims.validFrom + " – " + outcome.claims.validTo]];
      const table = document.getElementById("claims");
      for (const [k, v] of rows) {
        const tr = table.insertRow(); const th = document.createElement("th"); th.textContent = word(lang, k); tr.appendChild(th);
        tr.insertCell().textContent = v;
      }
    }
  }

  async function run() {
    const mode = document.body.dataset.ecard;
    const lang = langOf();
    registerWorker();
    if (mode === "activate") {
      const button = document.getElementById("activate");
      if (!button) return;
      if (!window.crypto || !crypto.subtle || !window.indexedDB) {
        document.getElementById("failure").textContent = noCrypto();
        document.getElementById("failure").hidden = false; button.disabled = true; return;
      }
      button.addEventListener("click", () => activate(lang));
    } else if (mode === "card") await showCard(lang);
    else if (mode === "verify" || mode === "offline") await checkHere(lang, mode === "offline");
  }

  window.HSC_ECARD = { present, parseShown, checkShown, stored };
  if (document.body && document.body.dataset.ecard) run();
})();
