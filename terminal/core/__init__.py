"""Qt-free domain rules and values. Nothing here imports Qt, the store or the network."""
