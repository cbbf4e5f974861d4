"""The frozen build's self-test: drives storage, cli and ui together, so it lives outside ui/."""
