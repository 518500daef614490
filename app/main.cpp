// Placeholder main until the CLI and window wiring land.
int main() { return 0; }
