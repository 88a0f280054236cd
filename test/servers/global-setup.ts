// Placeholder until the server scripts land: starts nothing.
export default function setup(): void {}
