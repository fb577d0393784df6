// Tests for label selectors: parsing, printing, matching and errors (labels/selector_test.go), and LabelSelectorAsSelector.
import Testing

@testable import KubeSim

@Suite struct SelectorTests {
  static let valueRegex =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
  static let nameRegex =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

  /// Input and upstream's `String()` of the parsed selector.
  @Test(arguments: [
    ("x=a,y=b,z=c", "x=a,y=b,z=c"),
    ("", ""),
    ("x!=a,y=b", "x!=a,y=b"),
    ("x=", "x="),
    ("x= ", "x="),
    ("x=,z= ", "x=,z="),
    ("x= ,z= ", "x=,z="),
    ("!x", "!x"),
    ("x>1", "x>1"),
    ("x>1,z<5", "x>1,z<5"),
    ("x==a", "x==a"),
    ("x=a,a=x", "a=x,x=a"),
    ("b notin (z,y), a", "a,b notin (y,z)"),
    ("z,a=b,!m", "a=b,!m,z"),
    ("x in (abc,)", "x in (,abc)"),
    ("x in ()", "x in ()"),
    ("x in (,,a)", "x in (,a)"),
    ("x in (b,a,b)", "x in (a,b)"),
    ("\rx", "x"),
    ("foo  in\t (abc)", "foo in (abc)"),
    ("x notin\n (abc)", "x notin (abc)"),
    ("x  notin\t\t(abc,def)", "x notin (abc,def)"),
    ("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
    ("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
    ("notin=in", "notin=in"),
    ("in in (in)", "in in (in)"),
    ("x in (a),x notin (b)", "x in (a),x notin (b)"),
    ("app.kubernetes.io/name=nginx", "app.kubernetes.io/name=nginx"),
  ])
  func parseAndPrint(input: String, printed: String) throws {
    let selector = try Selector.parse(input)
    #expect(selector.description == printed)
    #expect(try Selector.parse(printed) == selector)
  }

  @Test(arguments: [
    ("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + valueRegex),
    ("x==a==b", "found '==', expected: ',' or 'end of string'"),
    ("!x=a", "found '=', expected: ',' or 'end of string'"),
    (
      "x<a",
      "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"
    ),
    (
      "x>",
      "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer"
    ),
    (
      "x>a-",
      "unable to parse requirement: [values[0]: Invalid value: \"a-\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][x]: Invalid value: \"a-\": "
        + valueRegex + "]"
    ),
    ("app:monolith", "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name part " + nameRegex),
    (
      "a/b/c ?=? def",
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name " + nameRegex
        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
    ),
    (
      "app.kubernetes_io/name=x",
      "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    ),
    (
      "x=" + String(repeating: "a", count: 64),
      "unable to parse requirement: values[0][x]: Invalid value: \"" + String(repeating: "a", count: 64)
        + "\": must be no more than 63 characters"
    ),
    ("x in a", "unable to parse requirement: found 'a' expected: '('"),
    ("x in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
    ("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"),
    ("x in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
    ("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
    ("x !", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt"),
    ("x=(a)", "unable to parse requirement: found '(', expected: identifier"),
    ("!", "unable to parse requirement: found '', expected: identifier"),
    ("x,", "found '', expected: identifier after ','"),
    (",x", "found ',', expected: !, identifier, or 'end of string'"),
    ("x=a b", "found 'b', expected: ',' or 'end of string'"),
  ])
  func rejects(input: String, message: String) {
    #expect(throws: SelectorError(message)) { try Selector.parse(input) }
  }

  @Test(arguments: [
    ("", ["x": "y"], true),
    ("x=y", ["x": "y"], true),
    ("x=y,z=w", ["x": "y", "z": "w"], true),
    ("x!=y,z!=w", ["x": "z", "z": "a"], true),
    ("notin=in", ["notin": "in"], true),
    ("x", ["x": "z"], true),
    ("!x", ["y": "z"], true),
    ("x>1", ["x": "2"], true),
    ("x<1", ["x": "0"], true),
    ("x in (a,b)", ["x": "b"], true),
    ("x notin (a,b)", ["y": "a"], true),
    ("x in ()", ["x": ""], true),
    ("x=z", [:], false),
    ("x=y", ["x": "z"], false),
    ("x=y,z=w", ["x": "w", "z": "w"], false),
    ("x!=y,z!=w", ["x": "z", "z": "w"], false),
    ("x", ["y": "z"], false),
    ("!x", ["x": "z"], false),
    ("x>1", ["x": "0"], false),
    ("x<1", ["x": "2"], false),
    ("x>1", ["x": "v2"], false),
    ("x>1", [:], false),
    ("x in (a,b)", ["y": "a"], false),
    ("x notin (a,b)", ["x": "a"], false),
    ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"], false),
  ])
  func matching(selector: String, labels: [String: String], expected: Bool) throws {
    #expect(try Selector.parse(selector).matches(labels) == expected)
  }

  @Test func everythingAndNothing() throws {
    #expect(Selector.everything.matches([:]))
    #expect(Selector.everything.isEmpty)
    #expect(!Selector.everything.matchesNothing)
    #expect(!Selector.nothing.matches([:]))
    #expect(!Selector.nothing.isEmpty)
    #expect(Selector.nothing.matchesNothing)
    #expect(Selector.nothing.description == "")
    #expect(Selector.nothing.adding([Selector.Requirement(unchecked: "a", .exists, [])]).matchesNothing)
    #expect(try Selector.parse("") == .everything)
  }

  @Test func fromSet() {
    let selector = Selector(matching: ["tier": "web", "app": "nginx"])
    #expect(selector.description == "app=nginx,tier=web")
    #expect(selector.matches(["app": "nginx", "tier": "web", "x": "y"]))
    #expect(!selector.matches(["app": "nginx"]))
    #expect(Selector(matching: [:]).isEmpty)
  }

  @Test func exactMatch() throws {
    let selector = try Selector.parse("a=b,c in (d),e in (f,g),h!=i,j==k")
    #expect(selector.requiresExactMatch("a") == "b")
    #expect(selector.requiresExactMatch("c") == "d")
    #expect(selector.requiresExactMatch("e") == nil)
    #expect(selector.requiresExactMatch("h") == nil)
    #expect(selector.requiresExactMatch("j") == "k")
    #expect(selector.requiresExactMatch("z") == nil)
  }

  @Test func addingKeepsKeyOrder() throws {
    let selector = try Selector.parse("b=1").adding([Selector.Requirement(key: "a", operator: .exists, values: [])])
    #expect(selector.description == "a,b=1")
  }

  // MARK: - NewRequirement

  @Test(arguments: [
    (
      "x", Selector.Operator.in, [String](),
      "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"
    ),
    (
      "x", .equals, ["a", "b"],
      "values: Invalid value: []string{\"a\", \"b\"}: exact-match compatibility requires one single value"
    ),
    (
      "x", .exists, ["a"],
      "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist"
    ),
    (
      "foo", .greaterThan, ["bar"],
      "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer"
    ),
    (
      String(repeating: "a", count: 254), .exists, [],
      "key: Invalid value: \"" + String(repeating: "a", count: 254) + "\": name part must be no more than 63 characters"
    ),
    ("x", .in, ["a", "b"], ""),
    ("1foo", .in, ["bar"], ""),
    ("y", .greaterThan, ["1"], ""),
    ("z", .lessThan, ["6"], ""),
    ("z", .lessThan, ["-6"], "values[0][z]: Invalid value: \"-6\": " + valueRegex),  // not a label value
    ("x", .doesNotExist, [], ""),
  ])
  func newRequirement(key: String, op: Selector.Operator, values: [String], error: String) {
    if error.isEmpty {
      #expect(throws: Never.self) { try Selector.Requirement(key: key, operator: op, values: values) }
    } else {
      #expect(throws: SelectorError(error)) { try Selector.Requirement(key: key, operator: op, values: values) }
    }
  }

  @Test func requirementStrings() throws {
    let requirements = [
      try Selector.Requirement(key: "x", operator: .in, values: ["def", "abc"]),
      try Selector.Requirement(key: "y", operator: .notIn, values: ["jkl"]),
      try Selector.Requirement(key: "z", operator: .doesNotExist, values: []),
      try Selector.Requirement(key: "w", operator: .greaterThan, values: ["2"]),
      try Selector.Requirement(key: "v", operator: .notEquals, values: ["a"]),
    ]
    #expect(Selector(requirements).description == "v!=a,w>2,x in (abc,def),y notin (jkl),!z")
    #expect(requirements[0].values == ["def", "abc"])
  }

  // MARK: - LabelSelectorAsSelector

  @Test func nilSelectsNothingAndEmptySelectsEverything() throws {
    let missing: LabelSelector? = nil
    #expect(try missing.asSelector().matchesNothing)
    #expect(try LabelSelector().asSelector() == .everything)
    #expect(try LabelSelector(matchLabels: [:], matchExpressions: []).asSelector() == .everything)
    #expect(missing.formatted == "<none>")
    #expect(LabelSelector().formatted == "<none>")
  }

  @Test func convertsLabelsAndExpressions() throws {
    let api = LabelSelector(
      matchLabels: ["tier": "web", "app": "nginx"],
      matchExpressions: [
        LabelSelectorRequirement(key: "env", operator: "In", values: ["prod", "dev"]),
        LabelSelectorRequirement(key: "canary", operator: "DoesNotExist"),
        LabelSelectorRequirement(key: "zone", operator: "NotIn", values: ["b"]),
        LabelSelectorRequirement(key: "owner", operator: "Exists", values: []),
      ])
    let selector = try api.asSelector()
    #expect(selector.description == "app=nginx,!canary,env in (dev,prod),owner,tier=web,zone notin (b)")
    #expect(api.formatted == selector.description)
    #expect(selector.matches(["app": "nginx", "tier": "web", "env": "dev", "owner": "me"]))
    #expect(!selector.matches(["app": "nginx", "tier": "web", "env": "dev", "owner": "me", "canary": "1"]))
    #expect(!selector.matches(["app": "nginx", "tier": "web", "env": "qa", "owner": "me"]))
  }

  @Test(arguments: [
    (
      LabelSelectorRequirement(key: "env", operator: "In"),
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"
    ),
    (
      LabelSelectorRequirement(key: "env", operator: "NotIn", values: []),
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"
    ),
    (
      LabelSelectorRequirement(key: "env", operator: "Exists", values: ["a"]),
      "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist"
    ),
    (
      LabelSelectorRequirement(key: "env", operator: "Equals", values: ["a"]),
      "\"Equals\" is not a valid pod selector operator"
    ),
    (
      LabelSelectorRequirement(key: "env", operator: "in", values: ["a"]), "\"in\" is not a valid pod selector operator"
    ),
    (
      LabelSelectorRequirement(key: "bad key", operator: "Exists"),
      "key: Invalid value: \"bad key\": name part " + nameRegex
    ),
  ])
  func rejectsBadExpressions(requirement: LabelSelectorRequirement, message: String) {
    let api = LabelSelector(matchExpressions: [requirement])
    #expect(throws: SelectorError(message)) { try api.asSelector() }
    #expect(api.formatted == "<error>")
  }

  @Test func rejectsBadMatchLabels() {
    let api = LabelSelector(matchLabels: ["app": "-bad"])
    #expect(throws: SelectorError("values[0][app]: Invalid value: \"-bad\": " + SelectorTests.valueRegex)) {
      try api.asSelector()
    }
  }
}
