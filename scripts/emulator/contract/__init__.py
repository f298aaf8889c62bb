"""The contract layer: every request the emulator receives, checked against AWS's own service
models (botocore's) and a table of documented rules before moto answers it. See middleware.py."""
