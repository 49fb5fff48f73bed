import { URL } from 'node:url';

/** The organisation behind a source URL: a GitHub owner, a Medium author, else the site's name. */
const ALIASES = {
  allizom: 'mozilla',
  taskcluster: 'mozilla',
  'ipfs-shipyard': 'ipfs',
  mehruu: 'csoonline',
  withgoogle: 'google',
  postach: 'google',
  chromewebextensions: 'google',
  atiim: 'google',
};

export function orgOf(source) {
  const gh = /github\.com\/([^/]+)/.exec(source);
  let org;
  if (gh) org = gh[1].toLowerCase();
  else {
    const url = new URL(source);
    const host = url.hostname.replace(/^www\./, '').split('.');
    org = host.length > 2 ? host[host.length - 2] : host[0];
    if (org === 'medium') org = `medium:${host[0] === 'medium' ? url.pathname.split('/')[1] : '@' + host[0]}`;
  }
  return ALIASES[org] ?? org;
}
