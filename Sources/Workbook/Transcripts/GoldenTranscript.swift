// GoldenTranscript: checked-in transcripts (`transcripts/NAME.json` and `.md`) of a known list of
// commands, compared with a fresh deterministic run — or rewritten when an update is asked for.
import Foundation
import KubeSim

public enum GoldenTranscript {
  /// Set `KUBELAB_UPDATE_GOLDEN=1` to rewrite golden files instead of comparing them.
  public static let updateVariable = "KUBELAB_UPDATE_GOLDEN"

  public static var updateRequested: Bool {
    let v = ProcessInfo.processInfo.environment[updateVariable] ?? ""
    return !v.isEmpty && v != "0"
  }

  /// The header of a golden transcript: no wall-clock time, the name as id, so it is the same on every run.
  public static func header(name: String, cluster: ClusterOptions, script: String? = nil, title: String? = nil)
    -> TranscriptHeader
  {
    TranscriptHeader(id: name, recordedAt: nil, cluster: cluster, source: "golden", script: script, title: title)
  }

  /// Compares `fresh` with `DIR/NAME.json` and `DIR/NAME.md`, or rewrites them when `update` is true.
  /// Returns what is wrong (empty when they match or were rewritten).
  public static func check(_ fresh: Transcript, name: String, directory: String, update: Bool = updateRequested)
    -> [String]
  {
    let files: [(String, String)] = [
      ("\(directory)/\(name).json", fresh.jsonText), ("\(directory)/\(name).md", TranscriptMarkdown.render(fresh)),
    ]
    let how = "run `\(updateVariable)=1 swift test --filter Golden` to regenerate it, then review the diff"
    var problems: [String] = []
    for (path, text) in files {
      if update {
        do {
          try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
          problems.append("\(path): cannot write it: \(error.localizedDescription)")
        }
        continue
      }
      guard let data = FileManager.default.contents(atPath: path) else {
        problems.append("\(path) is missing; \(how)")
        continue
      }
      let stored = String(decoding: data, as: UTF8.self)
      guard stored != text else { continue }
      if path.hasSuffix(".json") {
        do {
          let old = try TranscriptFile.parse(stored, path: path).transcript
          if let d = TranscriptDifference.between(expected: old, actual: fresh) {
            problems.append("\(path) differs from a fresh run: \(d); \(how)")
            continue
          }
        } catch {
          problems.append("\(path): \(error); \(how)")
          continue
        }
      }
      problems.append("\(path) differs from a fresh run at \(firstDifferingLine(stored, text)); \(how)")
    }
    return problems
  }

  /// `line 12: expected "…", got "…"`.
  static func firstDifferingLine(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    var i = 0
    while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
    let e = i < x.count ? "\"\(x[i])\"" : "(end of file)"
    let g = i < y.count ? "\"\(y[i])\"" : "(end of file)"
    return "line \(i + 1): stored \(TranscriptDifference.clip(e)), fresh \(TranscriptDifference.clip(g))"
  }
}
