/**
 * A variable name a config may set (`params`, `matrix`) or an output template may name
 * (`{param.NAME}`): a letter or `_`, after an optional `$` for special variables such as `$fn`,
 * then letters, digits and `_`.
 */
export const variableNamePattern = /^\$?[A-Za-z_][A-Za-z0-9_]*$/;

/** A module name, read the way discovery's lexer reads an OpenSCAD identifier. */
export const moduleNamePattern = /^[$A-Za-z_][$A-Za-z0-9_]*$/;
