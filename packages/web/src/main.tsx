import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.js'
import { captureUrlSecret } from './router.js'
import './styles.css'

// Before anything renders: a setup or invitation token leaves the address bar (and so the
// history, bookmarks and screenshots) and stays in memory only.
captureUrlSecret()

const root = document.getElementById('root')
if (root === null) {
  throw new Error('index.html has no #root element')
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
