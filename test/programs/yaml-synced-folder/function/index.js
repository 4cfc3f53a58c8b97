module.exports.handler = (req, res) => res.send("ok");
