kubectl apply -f top-scalar.yml
