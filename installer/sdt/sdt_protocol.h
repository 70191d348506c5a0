/* The pipe protocol between the terminal and sdthelper.exe (terminal/reader/sdt.py speaks the other end).
 *
 * Little-endian, one request then one response, over the helper's standard input and output:
 *   request  "SDTQ" | op (1 byte) | port (int32) | payload length (uint32) | payload
 *   response "SDTR" | op (1 byte) | status (int32) | payload length (uint32) | payload
 * The magic on every response lets the terminal tell a helper answer from anything else a vendor DLL might
 * print to the same stdout; a mismatch ends the helper and the terminal starts a fresh one. */
#ifndef SDT_PROTOCOL_H
#define SDT_PROTOCOL_H

#define SDT_MAX_PAYLOAD 65536

#define OP_HELLO 'H'       /* payload out: key=value lines (bits, dll, dll_version, decoder, ...) */
#define OP_OPEN 'O'        /* SDT_OpenPort(port) */
#define OP_CLOSE 'C'       /* SDT_ClosePort(port) */
#define OP_SAM_STATUS 'M'  /* SDT_GetSAMStatus(port, 0) */
#define OP_SAM_ID 'S'      /* SDT_GetSAMIDToStr(port, buf, 0); payload out: the SAM ID text */
#define OP_FIND 'F'        /* SDT_StartFindIDCard(port, iin, 0); payload out: 8 bytes */
#define OP_SELECT 'L'      /* SDT_SelectIDCard(port, sn, 0); payload out: 8 bytes */
#define OP_READ 'R'        /* SDT_ReadBaseMsg; payload out: text length, photo length (uint32), text, photo */
#define OP_DECODE 'D'      /* the WLT decoder; payload in: 1024 bytes of WLT; payload out: the BMP */
#define OP_QUIT 'Q'

/* Statuses of the helper itself, far from the DLL's own codes (0x90, 0x9F, SAM codes, small negatives). */
#define ST_NO_DLL -9001      /* the SDT DLL or one of its exports could not be loaded */
#define ST_NO_DECODER -9002  /* no WLT decoder configured, or it did not load */
#define ST_BAD_REQUEST -9003 /* unknown op or bad payload */

#endif
