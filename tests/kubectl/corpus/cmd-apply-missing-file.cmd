kubectl apply -f no-such-file.yml
