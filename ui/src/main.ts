import { mount } from 'svelte';

// Be Vietnam Pro, bundled (latin + vietnamese subsets, 400–700): see styles/fonts.css.
import './styles/fonts.css';
import './styles/app.css';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Không tìm thấy phần tử #app trong index.html');

export default mount(App, { target });
