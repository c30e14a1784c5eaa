// Placeholder: the schema task replaces this with ajv standalone generation.
