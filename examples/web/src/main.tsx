/** Entry point: ask the local runtime where everything is, configure Amplify, render. */
import { Amplify } from 'aws-amplify';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { amplifyConfig, fetchLocalInfo } from './local-config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

fetchLocalInfo()
  .then((info) => {
    Amplify.configure(amplifyConfig(info));
    root.render(
      <StrictMode>
        <App seededUsers={info.auth?.users?.map((u) => u.email) ?? []} />
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(<p role="alert" className="error">{error instanceof Error ? error.message : String(error)}</p>);
  });
