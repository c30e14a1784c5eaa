// Output objects made by `new`, yet plain: their prototype is Object.prototype, as a literal's.
//
// V8 counts how many objects of each literal outlive a scavenge (pretenuring). When the young
// generation first reached its largest size, it threw away the optimized code of every function
// that built objects of a literal most of whose objects had lived on, as the models do (they live
// through the analysis): switchResult, lcoreModels and hostResult were compiled again, ≈ 0.25 s
// of TurboFan per process and per checking thread. Objects made by `new` are not counted. A class
// would give the models a prototype of their own, which deepStrictEqual (and anyone comparing a
// model with a literal) tells apart; a function whose `prototype` is Object.prototype does not.

/**
 * `init` as a constructor of plain objects. Its assignments give the objects their properties in
 * order (JSON keeps it) and one hidden class; NaN-first figures stay doubles (see blankSwitchModel).
 */
export function plainConstructor<A extends unknown[], T>(init: (this: T, ...args: A) => void): new (...args: A) => T {
  init.prototype = Object.prototype;
  return init as unknown as new (...args: A) => T;
}
