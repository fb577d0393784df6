// Exports of one recorded session in all four formats: JSON (schema-valid, round-trips), Markdown,
// HTML (well formed, one diagram per command with messages, escaped) and asciicast v2.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct TranscriptExportTests {
  let t = sampleTranscript()

  @Test func recordsInputsOutputsMessagesAndLessons() throws {
    #expect(
      t.commands.map(\.line) == ["status", "make-configmaps web", "step", "stpe", "make-configmaps bulk 60", "step 2"])
    #expect(t.commands.map(\.number) == Array(1...6))
    let make = t.commands[1]
    #expect(make.input == "greeting: hello <world> & \"friends\"\nEOF\n")
    #expect(make.heredocDelimiter == "EOF1")
    #expect(make.output == "configmap/web created <b>&\"ok\"</b>\n")
    #expect(make.messageCount == make.messages.count && make.messageCount >= 4)
    #expect(make.messages.first?.from == "kubectl" && make.messages.first?.verb == "POST")
    #expect(make.messages.contains { $0.to == "etcd" })
    #expect(make.messages.first?.body?["data"]?["input"]?.stringValue == make.input)
    #expect(
      make.lesson
        == LessonAnnotation(
          lesson: "configmaps", step: 1, stepTitle: "Create config map 1",
          checks: [TranscriptCheck(name: "config map exists", passed: true)]))
    let typo = t.commands[3]
    #expect(!typo.success)
    #expect(typo.stderr.hasPrefix("error: unknown command \"stpe\""))
    #expect(typo.output == typo.stderr)
    #expect(t.commands[2].prompt == "kubelab [tick 0]> ")
    #expect(t.commands[2].tickAfter == 1 && t.commands[2].phaseAfter == .report)
    #expect(t.commands[5].prompt == "kubelab [tick 1 · report]> ")
    #expect(t.commands[5].phaseAfter == .schedule)
  }

  @Test func jsonIsSchemaValidAndRoundTrips() throws {
    let json = try JSON.parse(TranscriptFormat.json.render(t))
    #expect(json["format"] == "kubelab-transcript")
    #expect(json["version"] == 1)
    #expect(JSONSchemaSubset.validate(json, schema: try TranscriptFiles.schema) == [])
    let back = try TranscriptFile.parse(t.jsonText)
    #expect(back.layout == .export)
    #expect(back.transcript == t)
  }

  @Test func schemaValidatorRejectsWhatTheSchemaForbids() throws {
    let schema = try TranscriptFiles.schema
    var json = t.json
    var commands = json["commands"]!.arrayValue!
    commands[0]["output"] = nil
    commands[1]["success"] = "yes"
    commands[2]["extra"] = 1
    json["commands"] = .array(commands)
    json["version"] = 2
    let errors = JSONSchemaSubset.validate(json, schema: schema)
    #expect(errors.contains("/commands/0: missing required \"output\""))
    #expect(errors.contains("/commands/1/success: expected boolean, got string"))
    #expect(errors.contains("/commands/2: unexpected property \"extra\""))
    #expect(errors.contains("/version: expected 1, got 2"))
    #expect(
      JSONSchemaSubset.validate(1, schema: ["type": "string", "pattern": "x"]).contains {
        $0.contains("\"pattern\" is not supported")
      })
  }

  @Test func markdownIsAHandout() throws {
    let md = TranscriptFormat.md.render(t)
    #expect(md.hasPrefix("# KubeLab session sample\n"))
    #expect(md.contains("## Setup\n\n- Seed: `3`\n- Nodes: 3\n"))
    #expect(
      md.contains(
        "| control-plane | control-plane | 2 | 4Gi | 110 | node-role.kubernetes.io/control-plane:NoSchedule |"))
    // The command as typed with its heredoc, then its output, each in a code block.
    #expect(
      md.contains(
        "```console\nkubelab [tick 0]> make-configmaps web <<EOF1\ngreeting: hello <world> & \"friends\"\nEOF\nEOF1\n```"
      ))
    #expect(md.contains("```text\nconfigmap/web created <b>&\"ok\"</b>\n```"))
    #expect(md.contains("| # | tick · phase | from | to | verb | object | detail |"))
    #expect(md.contains("| 1 | 0 · kubectl | kubectl | apiserver | POST | configmaps | name=web |"))
    // 300 messages: the first 30, a count, the last 5.
    let bulk = t.commands[4]
    #expect(bulk.messageCount == 300)
    #expect(md.contains("| … |  |  |  |  | 265 more messages |  |"))
    #expect(md.contains("| \(bulk.messages.last!.seq) |"))
    #expect(!md.contains("| \(bulk.messages[31].seq) |"))
    #expect(md.contains("## Step 1: Create config map 1\n"))
    #expect(md.contains("- ✅ config map exists"))
    #expect(md.contains("**The command failed.**"))
  }

  @Test func htmlIsOneWellFormedPageWithADiagramPerCommandThatCausedMessages() throws {
    let html = TranscriptFormat.html.render(t)
    #expect(HTMLTagChecker.problem(html) == nil)
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("@media print"))
    let svgs = html.components(separatedBy: "<svg ").count - 1
    let withMessages = t.commands.filter { !$0.messages.isEmpty }.count
    #expect(withMessages == 2)
    #expect(svgs == withMessages)
    for c in t.commands {
      guard
        let start = html.range(
          of: "<section class=\"command\(c.success ? "" : " failed")\" id=\"command-\(c.number)\">"),
        let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
      else {
        Issue.record("no section for command \(c.number)")
        continue
      }
      let section = html[start.upperBound..<end.lowerBound]
      #expect(section.contains("<svg ") == !c.messages.isEmpty, "command \(c.number)")
    }
    // Nothing is fetched: no scripts, no external resources.
    #expect(!html.contains("<script"))
    #expect(!html.contains("src="))
    #expect(!html.contains("href="))
    #expect(!html.contains("@import"))
    // Learner text is escaped everywhere.
    #expect(html.contains("configmap/web created &lt;b&gt;&amp;&quot;ok&quot;&lt;/b&gt;"))
    #expect(!html.contains("<b>&"))
    #expect(html.contains("greeting: hello &lt;world&gt; &amp; &quot;friends&quot;"))
    // Long message lists: the diagram draws the first 150 and says so.
    #expect(html.contains("The first 150 of 300 messages"))
    // Each diagram's markers have ids of their own.
    #expect(html.contains("id=\"d2-request\"") && html.contains("id=\"d5-request\""))
  }

  @Test func svgHasALanePerComponentAndAnArrowPerMessageInOrder() throws {
    let ms = t.commands[1].messages
    let svg = SequenceDiagramSVG.render(ms, id: "x")
    let lanes = SequenceDiagramSVG.lanes(ms)
    #expect(lanes == ["kubectl", "apiserver", "etcd"])
    #expect(svg.components(separatedBy: "class=\"lane\"").count - 1 == lanes.count)
    #expect(svg.components(separatedBy: "class=\"arrow\"").count - 1 == ms.count)
    var last = svg.startIndex
    for m in ms {
      guard let r = svg.range(of: "#\(m.seq) [", range: last..<svg.endIndex) else {
        Issue.record("message \(m.seq) missing or out of order")
        return
      }
      last = r.upperBound
    }
    #expect(HTMLTagChecker.problem(svg) == nil)
  }

  @Test func asciicastHasAValidHeaderAndMonotonicEvents() throws {
    let cast = TranscriptFormat.cast.render(t)
    let lines = cast.split(separator: "\n").map(String.init)
    let header = try JSON.parse(lines[0])
    #expect(header["version"] == 2)
    #expect((header["width"]?.intValue ?? 0) >= 80)
    #expect((header["height"]?.intValue ?? 0) > 0)
    #expect(header["timestamp"]?.intValue == ClusterOptions().start.seconds)
    #expect(header["title"] == "KubeLab session sample")
    var previous = -1.0
    var output = ""
    var markers: [String] = []
    for line in lines.dropFirst() {
      let e = try JSON.parse(line)
      guard let a = e.arrayValue, a.count == 3, let code = a[1].stringValue, let text = a[2].stringValue else {
        Issue.record("bad event \(line)")
        continue
      }
      let time: Double
      switch a[0] {
      case .int(let i): time = Double(i)
      case .double(let d): time = d
      default:
        Issue.record("bad time in \(line)")
        continue
      }
      #expect(time >= previous)
      previous = time
      #expect(code == "o" || code == "m")
      if code == "o" { output += text } else { markers.append(text) }
    }
    #expect(markers == ["Step 1: Create config map 1", "Step 2: Create config map 2"])
    #expect(output.contains("kubelab [tick 0]> status\r\nTick:            0\r\n"))
    #expect(output.contains("kubelab [tick 0]> make-configmaps web <<EOF1\r\n> greeting: hello"))
    #expect(output.hasSuffix("kubelab [tick 1 · schedule]> "))
  }

  @Test(arguments: [
    ("handout.md", TranscriptFormat.md), ("a/b/page.html", .html), ("x.JSON", .json), ("rec.cast", .cast),
    ("page.htm", .html),
  ])
  func formatComesFromTheExtension(path: String, format: TranscriptFormat) {
    #expect(TranscriptFormat(path: path) == format)
  }

  @Test func unknownExtensionsNameNoFormat() {
    #expect(TranscriptFormat(path: "notes.txt") == nil)
    #expect(TranscriptFormat(path: "noextension") == nil)
    #expect(TranscriptFormat(path: ".md") == nil)
  }
}
