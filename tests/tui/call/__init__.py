"""The call screen: keys, the line-drawn panels, snapshots at several sizes."""
