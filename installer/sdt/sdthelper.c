/* sdthelper.exe: loads a vendor ID card reader DLL (the SDT_* API of sdtapi.dll) and, optionally, the vendor's
 * WLT photo decoder, and answers the terminal's requests over standard input and output (sdt_protocol.h).
 *
 * Why a separate program: most vendor DLLs are 32-bit and a 64-bit terminal cannot load them. It is built for
 * i686 and x86_64 from this one source; the terminal starts the one whose bitness matches the DLL. Why C and
 * not Python: it must exist in 32 bits beside a 64-bit Python bundle, and a few dozen lines of C need no
 * 32-bit Python runtime. It holds no state beyond the loaded DLLs, so the terminal can kill and restart it
 * at any moment (a hung or crashed DLL) without losing anything.
 *
 * Usage: sdthelper.exe SDT_DLL [DECODER_DLL [DECODER_FUNCTION]]
 * It never writes anything but protocol frames to stdout and never logs card data. */
#include <fcntl.h>
#include <io.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "sdt_protocol.h"

typedef int(__stdcall *port_fn)(int);
typedef int(__stdcall *port_open_fn)(int, int);
typedef int(__stdcall *samid_fn)(int, char *, int);
typedef int(__stdcall *buffer_fn)(int, unsigned char *, int);
typedef int(__stdcall *read_fn)(int, unsigned char *, unsigned int *, unsigned char *, unsigned int *, int);
/* Vendor decoders that take buffers: int unpack(char *wlt, char *bmp, int save), 1 = success.
 * __stdcall like the SDT API; a cdecl decoder with this signature would unbalance the 32-bit stack
 * (verified only with the stand-in: see docs/install.md). */
typedef int(__stdcall *decode_fn)(char *, char *, int);

static struct {
    HMODULE dll;
    port_fn open_port, close_port;
    port_open_fn sam_status;
    samid_fn sam_id;
    buffer_fn find, select;
    read_fn read;
    HMODULE decoder_dll;
    decode_fn decode;
    char dll_path[MAX_PATH], decoder_path[MAX_PATH], decoder_function[64];
    char load_error[160];
} g;

static int read_exact(void *buf, size_t n) { return n == 0 || fread(buf, 1, n, stdin) == n; }

static void put_u32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); p[2] = (unsigned char)(v >> 16); p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_u32(const unsigned char *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void respond(unsigned char op, int32_t status, const void *payload, uint32_t length) {
    unsigned char head[13];
    memcpy(head, "SDTR", 4);
    head[4] = op;
    put_u32(head + 5, (uint32_t)status);
    put_u32(head + 9, length);
    fwrite(head, 1, sizeof head, stdout);
    if (length) fwrite(payload, 1, length, stdout);
    fflush(stdout);
}

static void file_version(const char *path, char *out, size_t size) {
    DWORD ignored = 0, length = GetFileVersionInfoSizeA(path, &ignored);
    snprintf(out, size, "unknown");
    if (!length) return;
    void *info = malloc(length);
    VS_FIXEDFILEINFO *fixed = NULL;
    UINT fixed_length = 0;
    if (info && GetFileVersionInfoA(path, 0, length, info) &&
        VerQueryValueA(info, "\\", (void **)&fixed, &fixed_length) && fixed) {
        snprintf(out, size, "%lu.%lu.%lu.%lu", (unsigned long)HIWORD(fixed->dwFileVersionMS),
                 (unsigned long)LOWORD(fixed->dwFileVersionMS), (unsigned long)HIWORD(fixed->dwFileVersionLS),
                 (unsigned long)LOWORD(fixed->dwFileVersionLS));
    }
    free(info);
}

static void load(int argc, char **argv) {
    snprintf(g.dll_path, sizeof g.dll_path, "%s", argc > 1 ? argv[1] : "sdtapi.dll");
    /* Vendor SDKs ship their DLL with companions (a decoder, a licence file) and look for them beside it or in
     * the current folder: run in the DLL's folder, and resolve its imports from there. */
    char folder[MAX_PATH];
    snprintf(folder, sizeof folder, "%s", g.dll_path);
    char *slash = strrchr(folder, '\\');
    if (slash) {
        *slash = 0;
        SetCurrentDirectoryA(folder);
    }
    g.dll = LoadLibraryExA(g.dll_path, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (!g.dll) {
        snprintf(g.load_error, sizeof g.load_error, "LoadLibrary failed, error %lu", (unsigned long)GetLastError());
    } else {
        g.open_port = (port_fn)(void *)GetProcAddress(g.dll, "SDT_OpenPort");
        g.close_port = (port_fn)(void *)GetProcAddress(g.dll, "SDT_ClosePort");
        g.sam_status = (port_open_fn)(void *)GetProcAddress(g.dll, "SDT_GetSAMStatus");
        g.sam_id = (samid_fn)(void *)GetProcAddress(g.dll, "SDT_GetSAMIDToStr");
        g.find = (buffer_fn)(void *)GetProcAddress(g.dll, "SDT_StartFindIDCard");
        g.select = (buffer_fn)(void *)GetProcAddress(g.dll, "SDT_SelectIDCard");
        g.read = (read_fn)(void *)GetProcAddress(g.dll, "SDT_ReadBaseMsg");
        if (!(g.open_port && g.close_port && g.sam_id && g.find && g.select && g.read)) {
            snprintf(g.load_error, sizeof g.load_error, "an SDT_* export is missing");
            g.dll = NULL;
        }
    }
    if (argc > 2 && argv[2][0]) {
        snprintf(g.decoder_path, sizeof g.decoder_path, "%s", argv[2]);
        snprintf(g.decoder_function, sizeof g.decoder_function, "%s", argc > 3 ? argv[3] : "unpack");
        g.decoder_dll = LoadLibraryExA(g.decoder_path, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
        if (g.decoder_dll) g.decode = (decode_fn)(void *)GetProcAddress(g.decoder_dll, g.decoder_function);
    }
}

static void hello(void) {
    char text[2048], dll_version[64] = "", decoder_version[64] = "";
    if (g.dll) file_version(g.dll_path, dll_version, sizeof dll_version);
    if (g.decode) file_version(g.decoder_path, decoder_version, sizeof decoder_version);
    int n = snprintf(text, sizeof text, "bits=%d\ndll=%s\ndll_version=%s\nerror=%s\ndecoder=%s\ndecoder_version=%s\n",
                     (int)(sizeof(void *) * 8), g.dll_path, dll_version, g.load_error,
                     g.decode ? g.decoder_path : "", decoder_version);
    respond(OP_HELLO, g.dll ? 0 : ST_NO_DLL, text, (uint32_t)n);
}

static void handle(unsigned char op, int port, unsigned char *payload, uint32_t length) {
    unsigned char out[16 + 256 + 4096];
    if (op == OP_HELLO) { hello(); return; }
    if (op == OP_DECODE) {
        /* The BMP a decoder writes is 102x126x24 bits with padded rows: 38862 bytes; room to spare. */
        static char bmp[65536];
        char wlt[1024];
        if (!g.decode) { respond(op, ST_NO_DECODER, NULL, 0); return; }
        if (length != sizeof wlt) { respond(op, ST_BAD_REQUEST, NULL, 0); return; }
        memcpy(wlt, payload, sizeof wlt);
        memset(bmp, 0, sizeof bmp);
        int status = g.decode(wlt, bmp, 0);
        uint32_t size = (bmp[0] == 'B' && bmp[1] == 'M') ? get_u32((unsigned char *)bmp + 2) : 0;
        if (size > sizeof bmp) size = 0;
        respond(op, status, bmp, status == 1 ? size : 0);
        return;
    }
    if (!g.dll) { respond(op, ST_NO_DLL, g.load_error, (uint32_t)strlen(g.load_error)); return; }
    int status;
    switch (op) {
    case OP_OPEN: respond(op, g.open_port(port), NULL, 0); return;
    case OP_CLOSE: respond(op, g.close_port(port), NULL, 0); return;
    case OP_SAM_STATUS:
        respond(op, g.sam_status ? g.sam_status(port, 0) : 0x90, NULL, 0);
        return;
    case OP_SAM_ID: {
        char text[128] = {0};
        status = g.sam_id(port, text, 0);
        text[sizeof text - 1] = 0;
        respond(op, status, text, status == 0x90 ? (uint32_t)strlen(text) : 0);
        return;
    }
    case OP_FIND:
    case OP_SELECT:
        memset(out, 0, 64);
        status = (op == OP_FIND ? g.find : g.select)(port, out, 0);
        respond(op, status, out, 8);
        return;
    case OP_READ: {
        unsigned char text[256 + 64], photo[1024 + 64];
        unsigned int text_length = 0, photo_length = 0;
        status = g.read(port, text, &text_length, photo, &photo_length, 0);
        if (status != 0x90 || text_length > 256 || photo_length > 1024) {
            respond(op, status == 0x90 ? 0x41 : status, NULL, 0); /* a DLL that reports nonsense failed the read */
            return;
        }
        put_u32(out, text_length);
        put_u32(out + 4, photo_length);
        memcpy(out + 8, text, text_length);
        memcpy(out + 8 + text_length, photo, photo_length);
        respond(op, status, out, 8 + text_length + photo_length);
        SecureZeroMemory(text, sizeof text);
        SecureZeroMemory(photo, sizeof photo);
        SecureZeroMemory(out, sizeof out);
        return;
    }
    default: respond(op, ST_BAD_REQUEST, NULL, 0); return;
    }
}

int main(int argc, char **argv) {
    static unsigned char payload[SDT_MAX_PAYLOAD];
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
    /* A DLL that pops up an error box would hang an unattended helper: fail silently instead. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
    load(argc, argv);
    for (;;) {
        unsigned char head[13];
        if (!read_exact(head, sizeof head)) return 0; /* the terminal closed the pipe: done */
        uint32_t length = get_u32(head + 9);
        if (memcmp(head, "SDTQ", 4) != 0 || length > SDT_MAX_PAYLOAD) return 2; /* out of step: start afresh */
        if (!read_exact(payload, length)) return 0;
        if (head[4] == OP_QUIT) return 0;
        handle(head[4], (int)get_u32(head + 5), payload, length);
    }
}
