/* CM_MapCrToWin32Err for Wine 8.0, whose cfgmgr32.dll lacks it, for running the Windows bundle under Wine only.
 *
 * pyserial's list_ports_windows looks the function up when it is imported, so under Wine 8.0 the whole
 * terminal command line fails to import. scripts/build-windows-under-wine builds this file into a cfgmgr32.dll
 * whose other exports forward to a copy of Wine's own cfgmgr32 (wine_cfgmgr32.dll, listed in a generated .def
 * file), puts both into the Wine prefix's system32 and loads it with WINEDLLOVERRIDES=cfgmgr32=n for the
 * self-test. It NEVER goes into the bundle or the installer: real Windows 8 and later have the function.
 */
#include <windows.h>

#define CR_SUCCESS 0x00
#define CR_OUT_OF_MEMORY 0x02
#define CR_INVALID_POINTER 0x03
#define CR_NO_SUCH_DEVNODE 0x0D
#define CR_BUFFER_SMALL 0x1A
#define CR_NO_SUCH_VALUE 0x25
#define CR_ACCESS_DENIED 0x33

__declspec(dllexport) DWORD WINAPI CM_MapCrToWin32Err(DWORD code, DWORD default_error) {
    switch (code) {
    case CR_SUCCESS: return ERROR_SUCCESS;
    case CR_OUT_OF_MEMORY: return ERROR_NOT_ENOUGH_MEMORY;
    case CR_INVALID_POINTER: return ERROR_INVALID_USER_BUFFER;
    case CR_NO_SUCH_DEVNODE:
    case CR_NO_SUCH_VALUE: return ERROR_NOT_FOUND;
    case CR_BUFFER_SMALL: return ERROR_INSUFFICIENT_BUFFER;
    case CR_ACCESS_DENIED: return ERROR_ACCESS_DENIED;
    default: return default_error;
    }
}
