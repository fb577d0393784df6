// LiveScenes: command lines that set up the live cluster the way a learner would.

enum LiveScenes {
  /// One pod for every STATUS the kubelet and scheduler produce, as (command line, stdin).
  static let zoo: [(String, String?)] = [
    ("run ok --image=nginx:1.14.2", nil),
    (#"run crash --image=busybox -- sh -c "exit 1""#, nil),
    (#"run done --image=busybox --restart=Never -- sh -c "echo hi""#, nil),
    (#"run fail --image=busybox --restart=Never -- sh -c "exit 2""#, nil),
    ("run badimg --image=nginx:nope", nil),
    (
      #"run huge --image=nginx --overrides='{"spec":{"containers":[{"name":"huge","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}'"#,
      nil
    ),
    (
      #"run oom --image=polinux/stress --restart=Never --overrides='{"spec":{"containers":[{"name":"oom","image":"polinux/stress","command":["stress"],"args":["--vm","1","--vm-bytes","250M"],"resources":{"limits":{"memory":"100Mi"}}}]}}'"#,
      nil
    ),
    (
      "apply -f -",
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: init
      spec:
        initContainers:
        - name: setup
          image: busybox
          command: ["sh", "-c", "sleep 3600"]
        containers:
        - name: app
          image: nginx
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: initfail
      spec:
        initContainers:
        - name: setup
          image: busybox
          command: ["sh", "-c", "exit 3"]
        containers:
        - name: app
          image: nginx
      """
    ),
  ]
}
