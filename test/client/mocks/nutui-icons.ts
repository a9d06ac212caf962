/** Every icon of @nutui/icons-react-taro is an empty element in jsdom. */
const Icon = () => null;
module.exports = new Proxy({}, { get: (_t, name) => (name === '__esModule' ? false : Icon) });
