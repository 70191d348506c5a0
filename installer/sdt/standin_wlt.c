/* A stand-in for a vendor's WLT photo decoder DLL, for tests only (never shipped). Real WLT is a proprietary
 * wavelet format with no open decoder; the stand-in decodes the repository's "WLT-like" block instead
 * (tests/support/sdt_standin.py writes it): "SIMWLT01", background RGB, foreground RGB, then a 51x63
 * one-bit mask, row by row, most significant bit first. It writes the 102x126 24-bit BMP a vendor decoder
 * writes (bottom-up rows padded to 308 bytes: 38862 bytes) and refuses anything else, as a real decoder
 * refuses a block that is not WLT. */
#include <string.h>
#include <windows.h>

#define W 102
#define H 126
#define STRIDE 308 /* 102 * 3 rounded up to a multiple of 4 */

static void put32(char *p, unsigned v) { p[0] = (char)v; p[1] = (char)(v >> 8); p[2] = (char)(v >> 16); p[3] = (char)(v >> 24); }

__declspec(dllexport) int __stdcall unpack(char *wlt, char *bmp, int save) {
    (void)save; /* vendors write a file when asked; the terminal never asks */
    const unsigned char *in = (const unsigned char *)wlt;
    if (memcmp(in, "SIMWLT01", 8) != 0) return -1;
    const unsigned char *bg = in + 8, *fg = in + 11, *mask = in + 14;
    memset(bmp, 0, 54 + STRIDE * H);
    bmp[0] = 'B'; bmp[1] = 'M';
    put32(bmp + 2, 54 + STRIDE * H);
    put32(bmp + 10, 54);
    put32(bmp + 14, 40);
    put32(bmp + 18, W);
    put32(bmp + 22, H);
    bmp[26] = 1;
    bmp[28] = 24;
    put32(bmp + 34, STRIDE * H);
    for (int y = 0; y < H; y++) {
        char *row = bmp + 54 + (H - 1 - y) * STRIDE; /* BMP rows run bottom-up */
        for (int x = 0; x < W; x++) {
            int bit = (y / 2) * (W / 2) + x / 2;
            const unsigned char *c = (mask[bit / 8] >> (7 - bit % 8)) & 1 ? fg : bg;
            row[x * 3] = (char)c[2]; /* BMP pixels are BGR */
            row[x * 3 + 1] = (char)c[1];
            row[x * 3 + 2] = (char)c[0];
        }
    }
    return 1;
}
