/* A stand-in for a vendor's sdtapi.dll, for tests only (never shipped): the same __stdcall SDT_* exports,
 * answering from a card file the tests write (tests/support/sdt_standin.py) instead of a reader.
 *
 * The card file is named by the environment variable SDT_STANDIN_CARD and read afresh on every call, so a
 * test changes what is on the "reader" by replacing the file. Layout: "SDTC", mode (1 byte), the port the
 * reader sits on (int32 LE), SAM ID text (40 bytes, NUL padded), text block (256), photo block (1024).
 * No file, or a port other than the file's, is a reader that is not there. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

enum mode {
    CARD = 0,        /* a card lies on the reader */
    EMPTY = 1,       /* no card: find answers 0x80 */
    READ_FAILS = 2,  /* the card was lifted as it was read: read answers 0x41 */
    HANG = 3,        /* the DLL never returns from the read */
    CRASH = 4,       /* the DLL takes its process down mid-read */
    GARBAGE = 5,     /* the DLL prints junk on stdout (as some debug builds do) */
    UNPLUGGED = 6,   /* the reader went away: every call is a port error */
    SAM_FAULT = 7,   /* the SAM fails its self-test: 0x60 */
    NOT_GENUINE = 8, /* the SAM cannot authenticate the card: read answers 0x32 */
};

#define PORT_ERROR (-1) /* "small negatives for port errors" */

static struct {
    char magic[4];
    unsigned char mode;
    unsigned char port[4];
    char sam_id[40];
    unsigned char text[256];
    unsigned char photo[1024];
} card;

static int load_card(int port) {
    char path[MAX_PATH];
    DWORD n = GetEnvironmentVariableA("SDT_STANDIN_CARD", path, sizeof path);
    if (n == 0 || n >= sizeof path) return 0;
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t got = fread(&card, 1, sizeof card, f);
    fclose(f);
    if (got != sizeof card || memcmp(card.magic, "SDTC", 4) != 0) return 0;
    int at = (int)(card.port[0] | (card.port[1] << 8) | (card.port[2] << 16) | ((unsigned)card.port[3] << 24));
    return at == port && card.mode != UNPLUGGED;
}

__declspec(dllexport) int __stdcall SDT_OpenPort(int port) { return load_card(port) ? 0x90 : 0x01; }

__declspec(dllexport) int __stdcall SDT_ClosePort(int port) { return load_card(port) ? 0x90 : PORT_ERROR; }

__declspec(dllexport) int __stdcall SDT_ResetSAM(int port, int if_open) {
    (void)if_open;
    return load_card(port) ? 0x90 : PORT_ERROR;
}

__declspec(dllexport) int __stdcall SDT_GetSAMStatus(int port, int if_open) {
    (void)if_open;
    if (!load_card(port)) return PORT_ERROR;
    return card.mode == SAM_FAULT ? 0x60 : 0x90;
}

__declspec(dllexport) int __stdcall SDT_GetSAMIDToStr(int port, char *out, int if_open) {
    (void)if_open;
    if (!load_card(port)) return PORT_ERROR;
    card.sam_id[sizeof card.sam_id - 1] = 0;
    strcpy(out, card.sam_id);
    return 0x90;
}

__declspec(dllexport) int __stdcall SDT_StartFindIDCard(int port, unsigned char *iin, int if_open) {
    (void)if_open;
    if (!load_card(port)) return PORT_ERROR;
    if (card.mode == GARBAGE) {
        fputs("sdtapi debug: find card\r\n", stdout);
        fflush(stdout);
    }
    if (card.mode == SAM_FAULT) return 0x60;
    if (card.mode == EMPTY) return 0x80;
    memset(iin, 0, 8);
    return 0x9F;
}

__declspec(dllexport) int __stdcall SDT_SelectIDCard(int port, unsigned char *sn, int if_open) {
    (void)if_open;
    if (!load_card(port)) return PORT_ERROR;
    if (card.mode == EMPTY) return 0x81;
    memset(sn, 0, 8);
    return 0x90;
}

__declspec(dllexport) int __stdcall SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_length,
                                                    unsigned char *photo, unsigned int *photo_length, int if_open) {
    (void)if_open;
    if (!load_card(port)) return PORT_ERROR;
    switch (card.mode) {
    case EMPTY:
    case READ_FAILS: return 0x41;
    case NOT_GENUINE: return 0x32;
    case HANG: Sleep(INFINITE); return 0x41;
    case CRASH: ExitProcess(3);
    default: break;
    }
    memcpy(text, card.text, sizeof card.text);
    memcpy(photo, card.photo, sizeof card.photo);
    *text_length = sizeof card.text;
    *photo_length = sizeof card.photo;
    return 0x90;
}
