/* A stand-in for Windows 10's bcryptprimitives.dll, for running the Windows bundle under Wine 8.0 only.
 *
 * Rust programs built with Rust 1.78 or later (cryptography's _rust.pyd) import ProcessPrng from
 * bcryptprimitives.dll, which Wine 8.0 does not have, so `import cryptography` fails there with "DLL load
 * failed". This DLL provides ProcessPrng on top of BCryptGenRandom (system-preferred RNG), which Wine has.
 * It goes into the Wine prefix's system32 and NEVER into the bundle or the installer: real Windows has the
 * real one. Built by scripts/build-windows-under-wine with mingw-w64 (-lbcrypt).
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
            /* Windows documents that ProcessPrng never fails; there is no safe way to continue without randomness. */
            ExitProcess(3);
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
