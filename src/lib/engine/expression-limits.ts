/**
 * What a typed formula may use, apart from the compiler so that parameter schemas (which
 * the gallery loads) can state the rules without pulling in mathjs.
 */

/** Each is a function of one number in Math and an elementwise op in TF.js, by the same name. */
export const EXPRESSION_FUNCTIONS = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'atan'] as const;
export const MAX_EXPRESSION_LENGTH = 200;
