// JSON text: the parser's in-place fast paths (strings without escapes, literals) read and reject
// exactly what the general path does; `sortedKeys` sorts every level and keeps sorted trees as they are.
import KubeSim
import Testing

struct CodecJSONTextTests {
  static let parsed: [(String, JSON)] = [
    (#""plain""#, .string("plain")),
    (#""a\"b\\c\nd\u00e9\ud83d\ude00""#, .string("a\"b\\c\nd\u{e9}\u{1F600}")),
    (#""héllo, 世界""#, .string("héllo, 世界")),
    (#"{"k":"v","e":"","n":null,"t":true,"f":false}"#, ["k": "v", "e": "", "n": nil, "t": true, "f": false]),
    (#"[ "x" , 1, -2.5 ]"#, ["x", 1, -2.5]),
  ]

  @Test(arguments: parsed)
  func parsesStringsAndLiterals(text: String, expected: JSON) throws {
    #expect(try JSON.parse(text) == expected)
  }

  @Test(arguments: [
    ("\"abc", "unterminated string", 5),
    ("\"ab\\", "unterminated string", 5),
    ("\"a\u{1}b\"", "control character in string", 3),
    ("tru", "invalid literal", 1),
    ("[nul]", "invalid literal", 2),
    ("[truex]", "expected ',' or ']' in a list", 6),
  ])
  func rejectsWhatTheGeneralPathRejects(text: String, message: String, column: Int) throws {
    let e = try #require(throws: JSONParseError.self) { try JSON.parse(text) }
    #expect(e.message == message)
    #expect(e.column == column)
  }

  @Test func sortedKeysSortsEveryLevelAndKeepsASortedTree() throws {
    let unsorted = try JSON.parse(#"{"b":{"z":1,"a":[{"y":1,"x":2}]},"a":"s"}"#)
    #expect(unsorted.sortedKeys().compactText == #"{"a":"s","b":{"a":[{"x":2,"y":1}],"z":1}}"#)
    let nestedOnly = try JSON.parse(#"{"a":[{"y":1,"x":2}],"b":1}"#)
    #expect(nestedOnly.sortedKeys().compactText == #"{"a":[{"x":2,"y":1}],"b":1}"#)
    let sorted = try JSON.parse(#"{"a":[1,{"b":2,"c":3}],"d":{}}"#)
    #expect(sorted.sortedKeys().compactText == sorted.compactText)
  }
}
