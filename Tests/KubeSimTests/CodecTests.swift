import Testing

@testable import KubeSim

struct CodecTests {
  struct Inner: Codable, Equatable {
    var name: String = ""
    var count: Int = 0
    var flag: Bool? = nil
  }
  struct Sample: Codable, Equatable {
    var title: String = ""
    var items: [Inner] = []
    var labels: [String: String]? = nil
    var inner: Inner = Inner()
    var extra: JSON? = nil
    var replicas: Int32? = nil
  }

  @Test func missingKeysDecodeAsZeroValues() throws {
    let s = try TreeDecoder().decode(Sample.self, from: ["title": "t"])
    #expect(s == Sample(title: "t"))
  }

  @Test func unknownFieldsAreReportedWithTheirPaths() throws {
    let json: JSON = ["title": "t", "items": [["name": "a", "colour": "red"]], "bogus": 1, "inner": ["count": 2]]
    let (value, unknown) = try TreeDecoder().decodeReportingUnknownFields(Sample.self, from: json)
    #expect(value.items.first?.name == "a")
    #expect(value.inner.count == 2)
    #expect(unknown.map(fieldPath) == ["bogus", "items[0].colour"])
  }

  @Test func opaqueJSONFieldsAreKeptWhole() throws {
    let json: JSON = ["extra": ["anything": ["goes": [1, 2]]]]
    let (value, unknown) = try TreeDecoder().decodeReportingUnknownFields(Sample.self, from: json)
    #expect(unknown.isEmpty)
    #expect(value.extra == ["anything": ["goes": [1, 2]]])
  }

  @Test func typeMismatchNamesThePath() throws {
    let json: JSON = ["items": [["name": "a", "count": "three"]]]
    do {
      _ = try TreeDecoder().decode(Sample.self, from: json)
      Issue.record("expected an error")
    } catch let DecodingError.typeMismatch(_, context) {
      #expect(fieldPath(context.codingPath) == "items[0].count")
      #expect(context.debugDescription == "expected an integer, got string \"three\"")
    }
  }

  /// A string of several lines (a YAML block scalar where an object was meant) is quoted as Go's
  /// %q, so the error stays on one line.
  @Test func aMismatchedStringIsQuotedOnOneLine() throws {
    let json: JSON = ["items": [["name": "a", "count": "3\n\"4\"\n"]]]
    do {
      _ = try TreeDecoder().decode(Sample.self, from: json)
      Issue.record("expected an error")
    } catch let DecodingError.typeMismatch(_, context) {
      #expect(context.debugDescription == #"expected an integer, got string "3\n\"4\"\n""#)
    }
  }

  @Test func encoderOmitsEmptyNonOptionalsButKeepsSetOptionals() throws {
    let s = Sample(title: "", items: [], labels: ["empty": ""], inner: Inner(), extra: nil, replicas: 0)
    let json = try TreeEncoder().encode(s)
    #expect(json == ["inner": ["count": 0], "labels": ["empty": ""], "replicas": 0])
  }

  @Test func jsonTextRoundTrips() throws {
    let text = #"{"a":[1,2.5,"x\n\u00e9"],"b":{"c":null,"d":true}}"#
    let json = try JSON.parse(text)
    #expect(json.compactText == #"{"a":[1,2.5,"x\né"],"b":{"c":null,"d":true}}"#)
    #expect(try JSON.parse(json.kubectlText) == json)
  }

  @Test func kubectlJSONIndentsFourSpacesAndEscapesHTML() {
    let json: JSON = ["b": "<&>", "a": [], "c": [:]]
    #expect(json.kubectlText == "{\n    \"a\": [],\n    \"b\": \"\\u003c\\u0026\\u003e\",\n    \"c\": {}\n}")
  }

  @Test func jsonParseErrorsNameLineAndColumn() {
    #expect(throws: JSONParseError.self) { try JSON.parse("{\n  \"a\": tru\n}") }
    do {
      _ = try JSON.parse("{\n  \"a\": tru\n}")
    } catch let e as JSONParseError {
      #expect(e.line == 2)
      #expect(e.column == 8)
    } catch {}
  }

  /// Expected text produced by the real `kubectl create configmap … --dry-run=client -o yaml`.
  @Test func yamlQuotingAndFoldingMatchKubectl() {
    let data: JSON = [
      "a": "hello: world", "b": "123", "c": "line1\nline2",
      "d":
        "a very long message that goes on and on and on and on and on and on and on and on and on past eighty columns surely",
      "e": "yes", "f": "- x", "g": "#x", "h": "it's: ok", "i": "2024-01-01T00:00:00Z", "j": "10.244.1.5", "k": "1:20",
      "l": "",
    ]
    let expected = """
      data:
        a: 'hello: world'
        b: "123"
        c: |-
          line1
          line2
        d: a very long message that goes on and on and on and on and on and on and on and
          on and on past eighty columns surely
        e: "yes"
        f: '- x'
        g: '#x'
        h: 'it''s: ok'
        i: "2024-01-01T00:00:00Z"
        j: 10.244.1.5
        k: "1:20"
        l: ""

      """
    #expect(JSON.object(["data": data]).yamlText == expected)
  }

  @Test func yamlSequencesSitUnderTheirKey() {
    let json: JSON = [
      "spec": ["containers": [["name": "web", "ports": [["containerPort": 80]]]], "empty": [], "obj": [:]]
    ]
    #expect(
      json.yamlText == """
        spec:
          containers:
          - name: web
            ports:
            - containerPort: 80
          empty: []
          obj: {}

        """)
  }

  @Test func readsBlockFlowAndMultiDocumentYAML() throws {
    let text = """
      ---
      {
        apiVersion: "v1",
        kind: "Service",
        spec: {
          selector: {
            app.kubernetes.io/name: "MyApp",
          },
          ports: [{ port: 80, }],
        },
      }
      ---
      a: 1
      b: [x, "2", 3.5, yes, null, 0x1F]
      # only a comment follows
      ---
      """
    let docs = try YAMLReader.documents(text)
    #expect(docs.count == 2)
    #expect(docs[0].json["spec"]?["selector"]?["app.kubernetes.io/name"] == "MyApp")
    #expect(docs[0].json["spec"]?["ports"]?[0]?["port"] == 80)
    #expect(docs[1].json["b"] == ["x", "2", 3.5, true, nil, 31])
    #expect(docs[1].positions["b[1]"] == SourcePosition(line: 14, column: 8))
  }

  @Test func yamlSyntaxErrorsCarryAPosition() {
    do {
      _ = try YAMLReader.documents("a: 1\nb: [1, 2\nc: 3\n")
      Issue.record("expected an error")
    } catch let e as YAMLSyntaxError {
      #expect(e.line >= 2)
      #expect(!e.message.isEmpty)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func duplicateKeysAreRefused() {
    #expect(throws: YAMLSyntaxError.self) { try YAMLReader.documents("a: 1\na: 2\n") }
  }
}
