// Preloaded with `node --import`: moves the clock to 2031 so tests can prove nothing reads it.
const fixed = Date.UTC(2031, 6, 4, 3, 2, 1)
const RealDate = Date
class FakeDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(fixed)
    else super(...args)
  }
  static now() {
    return fixed
  }
}
globalThis.Date = FakeDate
