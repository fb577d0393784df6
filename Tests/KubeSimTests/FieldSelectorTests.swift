// Tests for field selectors: parsing with escapes, printing, matching and errors (fields/selector_test.go).
import Testing

@testable import KubeSim

@Suite struct FieldSelectorTests {
  @Test(arguments: [
    ("spec.nodeName=node-1", "spec.nodeName=node-1"),
    ("b=2,a==1", "a=1,b=2"),
    ("a!=x", "a!=x"),
    ("", ""),
    (",", ""),
    ("=", ""),
    ("a=", "a="),
    (#"a=x\,y"#, #"a=x\,y"#),
    (#"a=x\=y\\z"#, #"a=x\=y\\z"#),
    ("metadata.name=web,metadata.namespace!=kube-system", "metadata.name=web,metadata.namespace!=kube-system"),
  ])
  func parseAndPrint(input: String, printed: String) throws {
    let selector = try FieldSelector.parse(input)
    #expect(selector.description == printed)
    #expect(try FieldSelector.parse(printed) == selector)
  }

  @Test func unescapesValues() throws {
    #expect(try FieldSelector.parse(#"a=x\,y"#).requirements == [.init(field: "a", operator: .equals, value: "x,y")])
    #expect(
      try FieldSelector.parse(#"a!=x\=y\\z"#).requirements == [
        .init(field: "a", operator: .notEquals, value: #"x=y\z"#)
      ])
    #expect(FieldSelector.escapeValue(#"a,b=c\d"#) == #"a\,b\=c\\d"#)
    #expect(try FieldSelector.unescapeValue(FieldSelector.escapeValue(#"a,b=c\d"#)) == #"a,b=c\d"#)
  }

  @Test(arguments: [
    ("a", "invalid selector: 'a'; can't understand 'a'"),
    ("z=1,a", "invalid selector: 'z=1,a'; can't understand 'a'"),
    (#"a=x\y"#, #"invalid field selector: invalid escape sequence: \y"#),
    (#"a=x\"#, #"invalid field selector: invalid escape sequence: \"#),
    ("a=b=c", "invalid field selector: unescaped character in value: 61"),
    ("a!=b=c", "invalid field selector: unescaped character in value: 61"),
  ])
  func rejects(input: String, message: String) {
    #expect(throws: SelectorError(message)) { try FieldSelector.parse(input) }
  }

  @Test(arguments: [
    ("spec.nodeName=n1,status.phase!=Failed", true),
    ("spec.nodeName==n1", true),
    ("spec.nodeName!=n1", false),
    ("metadata.name=", true),  // a missing field reads as ""
    ("metadata.name!=", false),
    ("status.phase=Pending", false),
    ("", true),
  ])
  func matching(selector: String, expected: Bool) throws {
    let fields = ["spec.nodeName": "n1", "status.phase": "Running"]
    #expect(try FieldSelector.parse(selector).matches { fields[$0] } == expected)
  }

  @Test func exactMatchForIndexes() throws {
    let selector = try FieldSelector.parse("status.phase!=Failed,spec.nodeName=node-7")
    #expect(selector.requiresExactMatch("spec.nodeName") == "node-7")
    #expect(selector.requiresExactMatch("status.phase") == nil)
    #expect(selector.requirements.map(\.op) == [.equals, .notEquals])
    #expect(FieldSelector.oneTermEqual("spec.nodeName", "a,b").description == #"spec.nodeName=a\,b"#)
  }

  @Test func everythingAndNothing() {
    #expect(FieldSelector.everything.isEmpty)
    #expect(FieldSelector.everything.matches { _ in nil })
    #expect(!FieldSelector.nothing.isEmpty)
    #expect(!FieldSelector.nothing.matches { _ in nil })
  }
}
