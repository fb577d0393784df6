// `messages --last N` and `diagram --last N`: the newest N matching messages, exactly the tail of
// what the same filter shows without `--last`.
import KubeSim
import REPL
import Testing

struct MessagesLastTests {
  @Test(arguments: ["", " --from scheduler", " --kind watch", " --verb NOPE", " --component kubelet@node-1"])
  func lastIsTheTailOfTheFilteredRecord(filter: String) throws {
    let session = Session(options: SessionOptions(cluster: ClusterOptions(seed: 5)))
    session.execute("kubectl create deployment web --image=nginx --replicas=2", out: OutputSink())
    session.execute("run 4s", out: OutputSink())
    let all = OutputSink()
    session.execute("messages" + filter, out: all)
    let lines = all.text.split(separator: "\n").map(String.init)
    for n in [1, 3, 1_000_000] {
      let last = OutputSink()
      session.execute("messages --last \(n)" + filter, out: last)
      let expected = lines == ["No messages match."] ? lines : Array(lines.suffix(n))
      #expect(last.text.split(separator: "\n").map(String.init) == expected, "messages --last \(n)\(filter)")
    }
  }
}
