"""Running the centre in production: first run, key rotation, metrics, structured logs, terminal activity and
read-replica routing (docs/centre-deployment.md)."""
