// PiDigits: the digits of pi by Rabinowitz and Wagon's spigot, for the perl image's `bpi(2000)`.

enum PiDigits {
  /// The first `n` decimal digits of pi (3, 1, 4, 1, 5 …), by the bounded spigot algorithm.
  static func digits(_ n: Int) -> [Int] {
    let len = n * 10 / 3 + 1
    var a = [Int](repeating: 2, count: len)
    var result: [Int] = []
    result.reserveCapacity(n + 1)
    var nines = 0
    var predigit = 0
    for j in 1...n {
      var q = 0
      var i = len
      while i >= 1 {
        let x = 10 * a[i - 1] + q * i
        a[i - 1] = x % (2 * i - 1)
        q = x / (2 * i - 1)
        i -= 1
      }
      a[0] = q % 10
      q /= 10
      if q == 9 {
        nines += 1
      } else if q == 10 {
        result.append(predigit + 1)
        result.append(contentsOf: repeatElement(0, count: nines))
        predigit = 0
        nines = 0
      } else {
        if j > 1 { result.append(predigit) }
        predigit = q
        if nines != 0 {
          result.append(contentsOf: repeatElement(9, count: nines))
          nines = 0
        }
      }
    }
    result.append(predigit)
    return result
  }

  /// Pi to `significant` digits, rounded to nearest like Math::BigFloat's `bpi`: `3.1415…`.
  static func text(significant: Int) -> String {
    var d = digits(significant + 8)
    let roundUp = d[significant] >= 5
    d = Array(d.prefix(significant))
    if roundUp {
      var i = d.count - 1
      while i >= 0 {
        if d[i] == 9 {
          d[i] = 0
          i -= 1
        } else {
          d[i] += 1
          break
        }
      }
    }
    var s = "\(d[0])."
    for x in d.dropFirst() { s.append(Character(String(x))) }
    return s
  }

  /// `bpi(2000)`, computed once.
  static let bpi2000: String = text(significant: 2000)
}
