"""Where a worker's photo came from: decoded from the ID card by the reader vendor's decoder ('card'), taken
with the camera ('camera') or chosen from a file ('file'). A supervisor comparing a face must know whether the
picture is the state's or the agency's. Photos kept before this migration have no known source (NULL)."""

from __future__ import annotations

NAME = "worker_photo_source"

STATEMENTS = [
    "ALTER TABLE workers ADD COLUMN photo_source TEXT CHECK (photo_source IN ('card', 'camera', 'file'))",
]
