// DashboardCommand: the dashboard addon's summary as text.
import KubeSim

struct DashboardCommand: REPLCommand {
  let name = "dashboard"
  let group = CommandGroup.inside
  let summary = "Open the dashboard: nodes and their allocation, pods, workloads, events, messages per edge"
  let usage = """
    Usage: dashboard

    The dashboard addon reads the cluster through the apiserver (its LIST requests appear in
    `messages` on the dashboard → apiserver edge) and summarizes it: nodes with requested CPU and
    memory against allocatable, pods by phase, workloads and their readiness, recent events, and
    how many messages crossed each edge of the architecture.
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard let summary = session.cluster.dashboard.load() else {
      out.error("error: the dashboard could not read the cluster")
      return false
    }
    out.write(summary.text)
    return true
  }
}
