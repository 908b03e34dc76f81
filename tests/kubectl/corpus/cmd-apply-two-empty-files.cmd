kubectl apply -f empty.yml -f comment-only.yml
