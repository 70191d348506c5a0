"""The credential status register, the centre's status decisions and the public verification page."""
