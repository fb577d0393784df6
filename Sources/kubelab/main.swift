import KubeSim

print("kubelab \(KubeLabVersion.string)")
