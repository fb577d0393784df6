// NameGenerator: generateName's random suffix and the hash encoding (storage/names/generate.go, util/rand/rand.go).

/// How the apiserver completes `metadata.generateName`, and how controllers spell hashes
/// such as `pod-template-hash`, both in upstream's vowel-free alphabet.
public enum NameGenerator {
  /// `rand.String`'s alphabet: no vowels, to avoid spelling words.
  public static let alphanumerics = Array("bcdfghjklmnpqrstvwxz2456789".unicodeScalars)

  /// The longest name the apiserver accepts (`maxNameLength`).
  public static let maxNameLength = 63
  /// How many random characters follow the base (`randomLength`).
  public static let randomLength = 5
  /// The longest base kept (`MaxGeneratedNameLength`, 58).
  public static let maxGeneratedNameLength = maxNameLength - randomLength

  /// `base` truncated to 58 bytes, then 5 random characters: `nginx-7854ff8877-` → `nginx-7854ff8877-x2x9k`.
  /// `random(n)` must return an integer in `0..<n`, like Go's `rand.Intn`; pass the
  /// simulation's seeded generator.
  public static func generateName(base: String, random: (_ upperBound: Int) -> Int) -> String {
    var base = base
    if base.utf8.count > maxGeneratedNameLength {
      base = String(decoding: base.utf8.prefix(maxGeneratedNameLength), as: UTF8.self)
    }
    return base + randomString(length: randomLength, random: random)
  }

  /// `generateName(base:random:)` drawing from a RandomNumberGenerator.
  public static func generateName(base: String, using generator: inout some RandomNumberGenerator) -> String {
    generateName(base: base) { Int(generator.next(upperBound: UInt64($0))) }
  }

  /// `rand.String`: `length` characters from `alphanumerics`.
  public static func randomString(length: Int, random: (_ upperBound: Int) -> Int) -> String {
    var text = String.UnicodeScalarView()
    for _ in 0..<length { text.append(alphanumerics[random(alphanumerics.count)]) }
    return String(text)
  }

  /// `rand.SafeEncodeString`: each character mapped into the alphabet by its code point
  /// modulo 27. ComputeHash spells its FNV-32a sum this way: `"3410994433"` → `"7854ff8877"`.
  public static func safeEncodeString(_ text: String) -> String {
    var encoded = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      encoded.append(alphanumerics[Int(scalar.value) % alphanumerics.count])
    }
    return String(encoded)
  }
}
