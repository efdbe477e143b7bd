"""The google-genai adapters: the client factory, structured text, replies, images, packed compliance checks, the fan-out helper and the live generator."""
