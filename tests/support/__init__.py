"""Test support outside the shipped `terminal` package: a private pcscd, vpcd's virtual card, the vendor
stand-in DLLs' card. Tests, the bench and the build scripts import them; the app and its bundle never do."""
