import Foundation
import KubeSim
import Testing

@testable import Kubectl

@Test func scratch() throws {
  let lab = Lab()
  lab.addNode("control-plane", ip: "192.168.56.10", controlPlane: true)
  lab.addNode("node-1", ip: "192.168.56.11")
  let manifest = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: nginx-deployment
      labels:
        app: nginx
    spec:
      replicas: 3
      selector:
        matchLabels:
          app: nginx
      template:
        metadata:
          labels:
            app: nginx
        spec:
          containers:
          - name: nginx
            image: nginx:1.14.2
            ports:
            - containerPort: 80
    """
  var out = ""
  func run(_ l: String, stdin: String? = nil) {
    let r = lab.run(l, stdin: stdin)
    out += "$ kubectl \(l)  [exit \(r.exitCode)]\n\(r.stdout)\(r.stderr.isEmpty ? "" : "STDERR:\n" + r.stderr)"
  }
  run("apply -f -", stdin: manifest)
  run("apply -f -", stdin: manifest)
  run("apply -f -", stdin: manifest.replacingOccurrences(of: "replicas: 3", with: "replicas: 2"))
  run("get deploy nginx-deployment -o yaml")
  run("apply -f -", stdin: manifest.replacingOccurrences(of: "nginx:1.14.2", with: "nginx:1.16.1"))
  run("get deploy nginx-deployment -o jsonpath={.spec.template.spec.containers[0].image}")
  run("label pod web tier=fe")
  run("scale deploy nginx-deployment --replicas=5")
  run("set image deployment/nginx-deployment nginx=nginx:1.17")
  run("set image deployment/nginx-deployment foo=nginx:1.17")
  run("expose deployment nginx-deployment --port=80 --target-port=8080 --type=NodePort")
  run("get svc")
  run("describe svc nginx-deployment")
  run("taint nodes node-1 dedicated=gpu:NoSchedule")
  run("taint nodes node-1 dedicated=gpu:NoSchedule")
  run("taint nodes node-1 dedicated:NoSchedule-")
  run("taint nodes node-1 dedicated:NoSchedule-")
  run("uncordon node-1")
  run("cordon node-1")
  run("cordon node-1")
  run("get nodes")
  run("rollout history deployment/nginx-deployment")
  run("rollout status deployment/nginx-deployment")
  run("delete deploy nginx-deployment")
  run("delete pod nothere")
  run("delete pods")
  run("run web --image=nginx --port=80")
  run("label pod web tier=fe")
  run("label pod web tier=be")
  run("label pod web tier=be --overwrite")
  run("label pod web tier-")
  run("annotate pod web note=hello")
  run("get pod web --show-labels")
  run("patch pod web -p {\"metadata\":{\"labels\":{\"x\":\"y\"}}}")
  run("delete pod web --grace-period=0 --force")
  run("get pods")
  run("rollout foo")
  run("create foo")
  run("get events")
  try out.write(toFile: "/tmp/cmp/scen.txt", atomically: true, encoding: .utf8)
}
