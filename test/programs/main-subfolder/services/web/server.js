require("http")
    .createServer((_, res) => res.end("web"))
    .listen(8080);
