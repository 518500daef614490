// Placeholder until the chart view lands.
