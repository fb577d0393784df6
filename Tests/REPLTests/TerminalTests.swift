import Foundation
import KubelabTestSupport
import Testing

/// kubelab in a real terminal (tmux): line editing, history across sessions, completion, Ctrl-C.
@Suite(
  .serialized, .enabled(if: Tmux.available, "tmux is not installed: `apt-get install tmux` to run the terminal tests"))
struct TerminalTests {
  let scratch: URL
  let env: [String: String]

  init() throws {
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kubelab-term-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    env = [
      "XDG_STATE_HOME": scratch.appendingPathComponent("state").path,
      "XDG_DATA_HOME": scratch.appendingPathComponent("data").path,
      "HOME": scratch.path, "TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1",
    ]
  }

  func startKubelab(_ tmux: Tmux) throws {
    try tmux.start(KubelabProcess.binary.path + " --no-record")
    let s = try tmux.wait { $0.contains("kubelab [tick 0]>") }
    #expect(s.contains("kubelab [tick 0]>"), "no prompt; screen:\n\(s)")
  }

  @Test func cursorMovementEditsTheLine() throws {
    let tmux = Tmux(env: env)
    try startKubelab(tmux)
    // Type "tatus", jump to the start of the line (Ctrl-A) and insert the missing "s".
    try tmux.type("tatus")
    try tmux.send("C-a")
    try tmux.type("s")
    try tmux.send("Enter")
    let s = try tmux.wait { $0.contains("Next phase:") }
    #expect(s.contains("Next phase:      report"), "screen:\n\(s)")
    // Ctrl-E then Backspace over a word, and Left arrows to fix a typo in the middle.
    try tmux.type("hepl run")
    try tmux.send("Left", "Left", "Left", "Left", "BSpace", "BSpace")
    try tmux.type("lp")
    try tmux.send("Enter")
    let h = try tmux.wait { $0.contains("run — Run for a simulated duration") }
    #expect(h.contains("run until CONDITION"), "screen:\n\(h)")
  }

  @Test func historyIsRecalledWithUpInTheNextSession() throws {
    do {
      let tmux = Tmux(env: env)
      try startKubelab(tmux)
      try tmux.type("kubectl get ns")
      try tmux.send("Enter")
      _ = try tmux.wait { $0.contains("kube-node-lease") }
      try tmux.type("exit")
      try tmux.send("Enter")
      Thread.sleep(forTimeInterval: 0.5)
    }
    let tmux = Tmux(env: env)
    try startKubelab(tmux)
    // The last line of the previous session was `exit`; the one before it is the command.
    try tmux.send("Up")
    _ = try tmux.wait { $0.contains("> exit") }
    try tmux.send("Up")
    let line = try tmux.wait { $0.contains("> kubectl get ns") }
    #expect(line.contains("kubelab [tick 0]> kubectl get ns"), "screen:\n\(line)")
    try tmux.send("Enter")
    let s = try tmux.wait { $0.contains("kube-public") }
    #expect(s.contains("kube-public"))
  }

  @Test func tabCompletesResourceTypesAndPodNames() throws {
    let tmux = Tmux(env: env)
    try startKubelab(tmux)
    try tmux.type("kubectl get serviceacc")
    try tmux.send("Tab")
    var s = try tmux.wait { $0.contains("kubectl get serviceaccount") }
    #expect(s.contains("kubectl get serviceaccount"), "screen:\n\(s)")
    try tmux.send("C-u")
    try tmux.type("kubectl get pod -n kube-system etcd-c")
    try tmux.send("Tab")
    s = try tmux.wait { $0.contains("etcd-control-plane") }
    #expect(s.contains("kubectl get pod -n kube-system etcd-control-plane"), "screen:\n\(s)")
    try tmux.send("Enter")
    s = try tmux.wait { $0.contains("1/1") }
    #expect(s.contains("etcd-control-plane   1/1     Running"), "screen:\n\(s)")
  }

  @Test func ctrlCCancelsALineAndStopsALongRun() throws {
    let tmux = Tmux(env: env)
    try startKubelab(tmux)
    try tmux.type("bogus line")
    try tmux.send("C-c")
    Thread.sleep(forTimeInterval: 0.3)
    try tmux.type("status")
    try tmux.send("Enter")
    var s = try tmux.wait { $0.contains("Next phase:") }
    #expect(!s.contains("unknown command \"bogus\""), "the cancelled line ran; screen:\n\(s)")
    // A long run stops at the next phase boundary and the console stays.
    try tmux.type("run 24h")
    try tmux.send("Enter")
    Thread.sleep(forTimeInterval: 1.0)
    try tmux.send("C-c")
    s = try tmux.wait { $0.contains("interrupted at tick") }
    #expect(s.contains("interrupted at tick"), "screen:\n\(s)")
    try tmux.type("status")
    try tmux.send("Enter")
    s = try tmux.wait(timeout: 10) { $0.components(separatedBy: "Next phase:").count > 2 }
    #expect(s.components(separatedBy: "Next phase:").count > 2, "the console did not come back; screen:\n\(s)")
  }
}
