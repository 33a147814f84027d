"""The Qt front end. It only shows what the core computes."""
