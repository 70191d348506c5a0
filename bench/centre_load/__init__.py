"""`python -m bench centre-load`: see run()."""
