// `kubectl get` tables checked against kubectl itself, independently of the printers' code: the
// header names printers.go registers (k8s.io/kubernetes pkg/printers/internalversion), cli-runtime's
// tabwriter layout (every column as wide as its widest cell plus 3 spaces, at least 6; no trailing
// spaces) and AGE as apimachinery's duration.HumanDuration, on the real cluster.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct TableFormatTests {
  struct Case: Sendable, CustomStringConvertible {
    let resource: String
    let columns: [String]
    let wideColumns: [String]
    var description: String { resource }
  }

  /// printers.go's column definitions, upper-cased; the wide ones are its priority-1 columns.
  static let cases = [
    Case(
      resource: "pods", columns: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
      wideColumns: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]),
    Case(
      resource: "nodes", columns: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
      wideColumns: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]),
    Case(
      resource: "deployments", columns: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
      wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"]),
    Case(
      resource: "replicasets", columns: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
      wideColumns: ["CONTAINERS", "IMAGES", "SELECTOR"]),
    Case(
      resource: "services", columns: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
      wideColumns: ["SELECTOR"]),
    Case(resource: "endpoints", columns: ["NAME", "ENDPOINTS", "AGE"], wideColumns: []),
  ]

  /// A cluster a few minutes old, with objects of several ages (seconds and minutes).
  static func scene() -> LiveLab {
    let lab = LiveLab()
    lab.run("apply -f -", stdin: Scene.nginxDeployment)
    lab.run("expose deployment nginx-deployment --port=80 --type=NodePort")
    lab.wait(seconds: 200)
    lab.run("scale deployment nginx-deployment --replicas=4")
    lab.run("create deployment web --image=nginx:1.16.1")
    lab.wait(seconds: 15)
    return lab
  }

  @Test(arguments: cases)
  func headersAlignmentAndAgeAreKubectls(_ c: Case) throws {
    let lab = Self.scene()
    let resource = try #require(ResourceArguments.parse([c.resource]).refs.first?.type.resource)
    for (flags, columns) in [
      ("", c.columns), (" -o wide", c.columns + c.wideColumns), (" -A", ["NAMESPACE"] + c.columns),
      (" -A -o wide", ["NAMESPACE"] + c.columns + c.wideColumns),
    ] {
      let r = lab.run("get \(c.resource)\(flags)")
      #expect(r.exitCode == 0 && r.stderr == "", "\(flags)")
      // Nodes are cluster-scoped: -A adds no NAMESPACE column.
      let expected = resource.namespaced ? columns : columns.filter { $0 != "NAMESPACE" }
      let rows = checkLayout(r.stdout, columns: expected, command: "get \(c.resource)\(flags)")
      #expect(rows.count >= 2, "\(flags)")
      // AGE is the object's age as duration.HumanDuration prints it.
      let age = try #require(expected.firstIndex(of: "AGE"))
      let nameColumn = expected.firstIndex(of: "NAME")!
      let namespaceColumn = expected.firstIndex(of: "NAMESPACE")
      for row in rows {
        let ns = namespaceColumn.map { row[$0] } ?? (resource.namespaced ? "default" : "")
        let o = try #require(lab.cluster.peek(resource, namespace: ns, name: row[nameColumn]), "\(row)")
        let seconds = lab.cluster.context.now.seconds - o.metadata.creationTimestamp!.seconds
        #expect(row[age] == Self.humanDuration(seconds), "\(row)")
      }
    }
  }

  /// Checks the tabwriter layout of a table whose header is `columns`; returns its rows' cells.
  func checkLayout(_ text: String, columns: [String], command: String) -> [[String]] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    guard lines.count >= 2, lines.last!.isEmpty, let header = lines.first else {
      Issue.record("\(command): no table:\n\(text)")
      return []
    }
    let rows = Array(lines.dropFirst().dropLast())
    // Where each column starts: the header names in order, separated by spaces only.
    var starts: [Int] = []
    var at = 0
    for (i, name) in columns.enumerated() {
      let chars = Array(name)
      guard at + chars.count <= header.count, Array(header[at..<(at + chars.count)]) == chars else {
        Issue.record("\(command): header is \(String(header).debugDescription), expected \(columns)")
        return []
      }
      starts.append(at)
      at += chars.count
      if i < columns.count - 1 {
        while at < header.count && header[at] == " " { at += 1 }
      }
    }
    #expect(at == header.count, "\(command): the header ends with \(columns.last!), no trailing spaces")
    var cells: [[String]] = []
    for row in rows {
      var rowCells: [String] = []
      for (i, s) in starts.enumerated() {
        let end = i + 1 < starts.count ? starts[i + 1] : row.count
        guard s < row.count, end <= row.count else {
          Issue.record("\(command): row too short: \(String(row).debugDescription)")
          return []
        }
        let cell = String(row[s..<end])
        let trimmed = String(cell.reversed().drop { $0 == " " }.reversed())
        #expect(!trimmed.isEmpty && !trimmed.hasPrefix(" "), "\(command): column \(columns[i]) of \(String(row))")
        if i + 1 == starts.count { #expect(trimmed == cell, "\(command): trailing spaces in \(String(row))") }
        rowCells.append(trimmed)
      }
      cells.append(rowCells)
    }
    // Each column (but the last) is as wide as its widest cell, header included, plus 3; at least 6.
    for i in 0..<(starts.count - 1) {
      let widest = ([columns[i]] + cells.map { $0[i] }).map(\.count).max()!
      #expect(starts[i + 1] - starts[i] == max(6, widest + 3), "\(command): width of \(columns[i])")
    }
    return cells
  }

  /// apimachinery's duration.HumanDuration, written out again from its Go source.
  static func humanDuration(_ seconds: Int64) -> String {
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 120 { return "\(seconds)s" }
    let minutes = seconds / 60
    if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
    if minutes < 180 { return "\(minutes)m" }
    let hours = seconds / 3600
    if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
    if hours < 48 { return "\(hours)h" }
    if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    if hours < 24 * 365 * 8 {
      let days = (hours / 24) % 365
      return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
    }
    return "\(hours / 24 / 365)y"
  }
}
