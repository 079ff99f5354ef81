// Preloaded into Microsoft 365 Agents Playground (node --import): its server calls
// `listen(port)` without an address, which Node binds to every network interface. The simulator
// forwards anything it receives to a bot that runs without sign-in, so it must stay on this machine.
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' && typeof second !== 'string') {
    return listen.call(this, first, LOOPBACK, ...args.slice(1));
  }
  if (first && typeof first === 'object' && 'port' in first && !first.host) {
    return listen.call(this, { ...first, host: LOOPBACK }, ...args.slice(1));
  }
  return listen.apply(this, args);
};
