/* A stand-in for Windows 10's icuuc.dll, for running the Windows bundle under Wine 8.0 only.
 *
 * Qt6Core.dll (PySide6 6.10 and later) imports ICU's converter API from the system icuuc.dll, which Wine 8.0
 * does not have, so QtCore fails to load there. This DLL exports the same names and makes every converter
 * open fail, so Qt falls back to its built-in codecs (UTF-8/16/32, Latin-1, the system code page). It goes
 * into the Wine prefix's system32 and NEVER into the bundle or the installer: real Windows has the real one.
 * Built by scripts/build-windows-under-wine with mingw-w64. The export list matches `objdump -p Qt6Core.dll`.
 */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;      /* ICU's error enum; > 0 is a failure */
typedef uint16_t UChar;
typedef void UConverter;      /* never created: ucnv_open always fails */
typedef void (*ConverterCallback)(void);

enum { U_ZERO_ERROR = 0, U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *status, UErrorCode code) {
    if (status != NULL && *status <= U_ZERO_ERROR) *status = code;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *status) {
    (void)name;
    fail(status, U_FILE_ACCESS_ERROR);
    return NULL;
}
EXPORT void ucnv_close(UConverter *cnv) { (void)cnv; }
EXPORT void ucnv_reset(UConverter *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const UConverter *cnv, UErrorCode *status) {
    (void)cnv;
    fail(status, U_UNSUPPORTED_ERROR);
    return "";
}
EXPORT void ucnv_getToUCallBack(const UConverter *cnv, ConverterCallback *action, const void **context) {
    (void)cnv;
    if (action) *action = NULL;
    if (context) *context = NULL;
}
EXPORT void ucnv_getFromUCallBack(const UConverter *cnv, ConverterCallback *action, const void **context) {
    ucnv_getToUCallBack(cnv, action, context);
}
EXPORT void ucnv_setToUCallBack(UConverter *cnv, ConverterCallback action, const void *context,
                                ConverterCallback *old_action, const void **old_context, UErrorCode *status) {
    (void)cnv; (void)action; (void)context; (void)old_action; (void)old_context;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_setFromUCallBack(UConverter *cnv, ConverterCallback action, const void *context,
                                  ConverterCallback *old_action, const void **old_context, UErrorCode *status) {
    ucnv_setToUCallBack(cnv, action, context, old_action, old_context, status);
}
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset,
                                  UErrorCode *status) {
    (void)args; (void)source; (void)length; (void)offset;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *limit, int32_t offset,
                                    UErrorCode *status) {
    (void)args; (void)source; (void)limit; (void)offset;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_toUnicode(UConverter *cnv, UChar **target, const UChar *target_limit, const char **source,
                           const char *source_limit, int32_t *offsets, int8_t flush, UErrorCode *status) {
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_fromUnicode(UConverter *cnv, char **target, const char *target_limit, const UChar **source,
                             const UChar *source_limit, int32_t *offsets, int8_t flush, UErrorCode *status) {
    (void)cnv; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT int32_t ucnv_toUCountPending(const UConverter *cnv, UErrorCode *status) {
    (void)cnv;
    fail(status, U_UNSUPPORTED_ERROR);
    return 0;
}
EXPORT int32_t ucnv_fromUCountPending(const UConverter *cnv, UErrorCode *status) {
    return ucnv_toUCountPending(cnv, status);
}
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *status) {
    (void)name; (void)standard;
    fail(status, U_UNSUPPORTED_ERROR);
    return NULL;
}
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }

/* The standard callbacks Qt passes to ucnv_set*CallBack: never called, since no converter ever opens. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
