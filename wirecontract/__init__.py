"""The wire contract between the agency terminal and the centre, imported by both and by nothing else's rules.

protocol    paths, headers, request signing, verdict and error codes, enrolment codes, time format
signing     Ed25519 keys, key ids and base64url
qrpayload   the signed credential inside the card's QR code (encode, decode, verify)
receipt     the reconciliation receipt both sides compute the same way
errors      the root of the typed error tree both halves explain to people, and the contract's own errors

It needs only the standard library and `cryptography`: no Qt, no Django, no database.
"""
