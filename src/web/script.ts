/**
 * The board's inline script (plain ES2017, no template literals). It drives the service's API with
 * same-origin `fetch` (the bearer token from the token field when given; job events are read from
 * a fetch stream, since EventSource cannot send the header), draws the week with the report's views
 * (`slingaViews`, src/report/views.ts), and keeps the planner's hand edits — moves, locks, unlocks —
 * as a list with an undo stack. Every move is evaluated by the server (`POST /v1/plans/{id}/evaluate`:
 * the independent checker and the planner's objective terms); nothing about the rules is computed
 * here; after the plan's own view, answers carry only what the moves change in it (`changesOnly`,
 * merged by `mergeView`, ./view-changes.ts). Timings for the tests: `window.__boardReadyMs` (plan arrived → week drawn) and
 * `window.__lastEvalMs` (drop → check and cost shown), split in `window.__lastEvalParts` (`answer`: request
 * sent → answer parsed, of it `waiting` for the first byte, `receiving` and `reading` the JSON; `draw`:
 * answer → drawn).
 */
import { VIEWS } from '../report/views.js';
import { MERGE_VIEW } from './view-changes.js';

export const BOARD_SCRIPT = String.raw`(function(){
'use strict';
${VIEWS}
${MERGE_VIEW}
var B=JSON.parse(document.getElementById('texts').textContent);
function $(id){return document.getElementById(id);}
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';';});}
var S={job:null,instance:null,base:null,moves:[],locks:{},undo:[],ev:null,V:null,D:null,ids:[],sel:-1,kpis:null,busy:false};
var F={team:-1,staff:-1,client:-1,day:0};
window.__boardState=S;
function say(id,t,bad){var e=$(id);e.textContent=t;e.className=bad?'bad':'';}
function headers(json){var h={};if(json)h['content-type']='application/json';var t=$('token').value.trim();if(t)h.authorization='Bearer '+t;return h;}
function api(method,path,body){
  return fetch(path,{method:method,headers:headers(body!==undefined),body:body===undefined?undefined:(typeof body==='string'?body:JSON.stringify(body))}).then(function(r){
    var ct=r.headers.get('content-type')||'';
    var p=ct.indexOf('json')>=0?r.json():r.text();
    return p.then(function(b){if(!r.ok){var m=b&&b.issues?b.issues.map(function(i){return i.code+' '+i.path+': '+i.message;}).join('; '):String(b);throw new Error(r.status+' '+m);}return b;});
  });
}
function fail(e){say('status',B.error+': '+e.message,true);S.busy=false;}
/** Follows a job's events until it ends; resolves with its final status. */
function follow(id,onStatus){
  return fetch('/v1/plans/'+id+'/events',{headers:headers(false)}).then(function(r){
    if(!r.ok)throw new Error(r.status+' events');
    var rd=r.body.getReader(),dec=new TextDecoder(),buf='',last=null;
    function pump(){return rd.read().then(function(x){
      if(x.done){if(last)return last;throw new Error('events ended');}
      buf+=dec.decode(x.value,{stream:true});
      var k;
      while((k=buf.indexOf('\n\n'))>=0){
        var block=buf.slice(0,k),ev='message',data='';buf=buf.slice(k+2);
        block.split('\n').forEach(function(l){if(l.indexOf('event: ')===0)ev=l.slice(7);else if(l.indexOf('data: ')===0)data+=l.slice(6);});
        if(!data)continue;
        var d=JSON.parse(data);
        if(ev==='status'){last=d;onStatus(d.status,d.progress);if(d.status==='done'||d.status==='failed'||d.status==='cancelled'){rd.cancel();return d;}}
        else if(ev==='progress')onStatus('running',d);
      }
      return pump();
    });}
    return pump();
  });
}
function progress(st,p){var pr=$('prog');pr.value=p&&p.fraction?p.fraction:0;say('status',(B[st]||st)+(p&&p.phase&&st==='running'?' \u2014 '+p.phase:'')+' '+Math.round(100*(p&&p.fraction||0))+' %');}
function effort(){var n=parseInt($('effort').value,10);return n>0?{iterationsPerDay:n}:{};}
function submit(instanceText,options){
  return api('POST','/v1/plans','{"instance":'+instanceText+',"options":'+JSON.stringify(options)+'}').then(function(r){return r.id;});
}
function run(id){
  return follow(id,progress).then(function(st){if(st.status==='failed'||!st.hasPlan)throw new Error(B[st.status]+(st.error?': '+st.error:''));return st;});
}
function openJob(id,keepChanges){
  S.busy=true;say('status',B.loading);
  return api('GET','/v1/plans/'+id).then(function(st){
    if(st.status==='queued'||st.status==='running')return run(id);
    if(!st.hasPlan)throw new Error(B[st.status]||st.status);
    return st;
  }).then(function(st){
    var t0=performance.now();
    S.job=id;S.base=null;S.kpis=st.kpis||null;S.moves=[];S.locks={};S.undo=[];S.sel=-1;S.instance=null;
    $('job').value=id;$('report').href='/v1/plans/'+id+'/report?lang='+document.documentElement.lang;
    return evaluate(false).then(function(){
      $('board').hidden=false;$('compare').hidden=false;
      fillFilters();render();
      $('changes-box').innerHTML=S.ev.changes||'';$('changes-box').hidden=!S.ev.changes;
      say('status',B.done+' \u2014 '+id+(S.note?' \u2014 '+S.note:''));S.note='';S.busy=false;
      window.__boardReadyMs=performance.now()-t0;
      document.documentElement.setAttribute('data-job',id);
    });
  });
}
function instanceText(){
  if(S.instance)return Promise.resolve(S.instance);
  return fetch('/v1/plans/'+S.job+'/instance',{headers:headers(false)}).then(function(r){if(!r.ok)throw new Error(r.status+' instance');return r.text();}).then(function(t){S.instance=t;return t;});
}
/** Evaluates the moves on the server; draws the answer. */
function evaluate(withPlan){
  var t0=performance.now();
  // Once the plan's own view is here, an answer carries only what the moves change in it.
  var base=S.base,none=!S.moves.length;
  return api('POST','/v1/plans/'+S.job+'/evaluate',{moves:S.moves,lang:document.documentElement.lang,withPlan:!!withPlan,changesOnly:!!base}).then(function(ev){
    var t1=performance.now();
    if(ev.view&&none)S.base={view:ev.view,ids:ev.ids};
    S.evals=(S.evals||0)+1;S.ev=ev;S.D=ev.view||mergeView(base.view,ev.viewChanges);S.V=slingaViews(S.D);S.ids=ev.ids||base.ids;
    if(S.board)render();
    showCheck();showMoves();showSelected();
    window.__lastEvalMs=performance.now()-t0;window.__lastEvalParts={answer:t1-t0,draw:performance.now()-t1};
    var rt=performance.getEntriesByType('resource').filter(function(x){return /\/evaluate$/.test(x.name);}).pop();
    if(rt){(rt.serverTiming||[]).forEach(function(x){window.__lastEvalParts['server '+x.name]=x.duration;});window.__lastEvalParts.waiting=rt.responseStart-rt.requestStart;window.__lastEvalParts.receiving=rt.responseEnd-rt.responseStart;window.__lastEvalParts.reading=t1-rt.responseEnd;performance.clearResourceTimings();}
    $('evalms').textContent=B.evalMs+' '+Math.round(window.__lastEvalMs)+' ms';
    return ev;
  });
}
function fillFilters(){
  var D=S.D,V=S.V;
  function opts(list,label){return '<option value="">'+esc(B.all)+'</option>'+list.map(function(x,i){return '<option value="'+i+'">'+esc(label(i))+'</option>';}).join('');}
  $('f-team').innerHTML=opts(D.teams,function(i){return D.teams[i];});
  $('f-staff').innerHTML=opts(D.staff,V.staffLabel);
  $('f-client').innerHTML=opts(D.clients,V.clientLabel);
  $('f-day').innerHTML=D.days.map(function(d,i){return '<option value="'+i+'">'+esc(d[1])+'</option>';}).join('');
  $('m-staff').innerHTML=D.staff.map(function(s,i){return '<option value="'+i+'">'+esc(V.staffLabel(i))+'</option>';}).join('');
  $('a-staff').innerHTML=$('m-staff').innerHTML;
  $('a-date').innerHTML=$('f-day').innerHTML;
  // A replanned plan keeps the planner's filters (same instance, same indices).
  if(!S.board)F={team:-1,staff:-1,client:-1,day:0};
  $('f-team').value=F.team<0?'':String(F.team);$('f-staff').value=F.staff<0?'':String(F.staff);$('f-client').value=F.client<0?'':String(F.client);$('f-day').value=String(F.day);
  S.board=true;
}
function lockedNow(id){var l=S.locks[id];if(l)return l==='lock';return S.ev.locked.indexOf(id)>=0;}
function routeShown(r,ri){
  var D=S.D;
  if(r[1]!==F.day)return false;
  if(F.team>=0&&D.staff[r[0]][2]!==F.team)return false;
  if(F.staff>=0&&r[0]!==F.staff)return false;
  if(F.client>=0){var ev=r[6],hit=false;for(var i=0;i<ev.length;i+=5)if(ev[i]===2&&ev[i+3]>=0&&D.visits[ev[i+3]][0]===F.client)hit=true;if(!hit)return false;}
  return true;
}
function render(){
  var D=S.D,V=S.V,rs=[];
  D.routes.forEach(function(r,ri){if(routeShown(r,ri))rs.push(ri);});
  $('day-msg').textContent=rs.length?rs.length+' \u2014 '+D.days[F.day][1]:D.t.noRoutes;
  $('day-views').hidden=!rs.length;
  V.renderMap(rs);
  var moved={};S.ev.moved.forEach(function(id){moved[id]=1;});
  S.geo=V.renderTimeline(rs,function(vi){var id=S.ids[vi];return (moved[id]?' mv':'')+(lockedNow(id)?' lk':'')+(vi===S.sel?' sel':'')+(F.client>=0&&D.visits[vi][0]!==F.client?' dim':'');});
  S.rows=rs;
  Array.prototype.forEach.call(document.querySelectorAll('#timeline rect.vi'),function(el){
    var vi=+el.getAttribute('data-v'),v=D.visits[vi];if(!v)return;
    el.setAttribute('tabindex','0');el.setAttribute('role','button');
    el.setAttribute('aria-label',V.clientLabel(v[0])+' '+V.hhmm(v[2])+'\u2013'+V.hhmm(v[3])+', '+v[4].map(V.staffLabel).join(', ')+(lockedNow(S.ids[vi])?', '+B.locked:'')+(moved[S.ids[vi]]?', '+B.moved:''));
  });
}
function showCheck(){
  var ev=S.ev,el=$('check-out');
  if(ev.valid)el.innerHTML='<p class="ok">'+esc(B.valid)+'</p>';
  else el.innerHTML='<p class="bad">'+ev.violations.length+' '+esc(B.broken)+' ('+ev.introduced+' '+esc(B.introduced)+')</p><ul>'+ev.violations.slice(0,30).map(function(v){return '<li><b>'+esc(v.code)+'</b> '+esc(v.message)+'</li>';}).join('')+'</ul>';
  var rows=ev.terms.map(function(t){var d=ev.delta.terms[t.term]||0;return '<tr><th scope="row">'+esc(B.terms[t.term]||t.term)+'</th><td class="n">'+esc(fmt(t.amount))+' '+esc(B.units[t.unit]||t.unit)+'</td><td class="n">'+esc(fmt(t.cost))+'</td><td class="n'+(d>0?' bad':'')+'">'+esc(sign(d))+'</td></tr>';}).join('');
  $('cost-out').innerHTML='<table><thead><tr><th scope="col">'+esc(B.term)+'</th><th scope="col" class="n">'+esc(B.amount)+'</th><th scope="col" class="n">'+esc(B.cost)+'</th><th scope="col" class="n">'+esc(B.change)+'</th></tr></thead><tbody>'+rows+'<tr><th scope="row">'+esc(B.total)+'</th><td></td><td></td><td class="n'+(ev.delta.total>0?' bad':'')+'" id="cost-total">'+esc(sign(ev.delta.total))+'</td></tr></tbody></table>';
}
function fmt(x){return (Math.round(x*100)/100).toString().replace('.',S.D.dec);}
function sign(x){return (x>0?'+':x<0?'\u2212':'\u00b1')+fmt(Math.abs(x));}
function visitIdx(id){return S.ids.indexOf(id);}
function describe(id){var vi=visitIdx(id),V=S.V;if(vi<0)return id;var v=S.D.visits[vi];return V.clientLabel(v[0])+' '+S.D.days[v[1]][1]+' '+V.hhmm(v[2]);}
function showMoves(){
  var items=[],V=S.V;
  S.moves.forEach(function(m){items.push('<li>'+esc(describe(m.visitId))+' '+esc(B.moveText)+' '+esc((m.staff||[]).map(function(s){var i=S.D.staff.findIndex(function(x){return x[0]===s;});return i>=0?V.staffLabel(i):s;}).join(', '))+(m.start?' '+esc(m.start):'')+'</li>');});
  Object.keys(S.locks).forEach(function(id){items.push('<li>'+esc(describe(id))+' '+esc(S.locks[id]==='lock'?B.lockText:B.unlockText)+'</li>');});
  $('pending').innerHTML=items.length?items.join(''):'<li>'+esc(B.noPending)+'</li>';
  $('undo').disabled=!S.undo.length;
}
function showSelected(){
  var p=$('sel-body');
  if(S.sel<0||!S.D.visits[S.sel]){p.hidden=true;$('sel-none').hidden=false;return;}
  var v=S.D.visits[S.sel],V=S.V,id=S.ids[S.sel];
  p.hidden=false;$('sel-none').hidden=true;
  $('sel-text').textContent=V.clientLabel(v[0])+' \u2014 '+S.D.days[v[1]][1]+' '+V.hhmm(v[2])+'\u2013'+V.hhmm(v[3])+' \u2014 '+v[4].map(V.staffLabel).join(', ')+' \u2014 '+V.taskList(v);
  $('m-staff').value=String(v[4][0]);$('m-start').value=V.hhmm(v[2]);
  $('lock').textContent=lockedNow(id)?B.unlock:B.lock;
  $('lock').setAttribute('aria-pressed',lockedNow(id)?'true':'false');
}
function snapshot(){S.undo.push({moves:S.moves.slice(),locks:JSON.parse(JSON.stringify(S.locks))});}
function addMove(m){snapshot();S.moves=S.moves.filter(function(x){return x.visitId!==m.visitId;}).concat([m]);return evaluate(false).catch(fail);}
function select(vi){S.sel=vi;render();showSelected();var f=document.querySelector('#timeline rect.vi[data-v="'+vi+'"]');if(f)f.focus();}
function staffIds(vi,fromS,toS){var v=S.D.visits[vi],out=[];v[4].forEach(function(s){out.push(s===fromS?toS:s);});if(out.indexOf(toS)<0)out[0]=toS;return out.filter(function(s,i){return out.indexOf(s)===i;}).map(function(s){return S.D.staff[s][0];});}
// Drag on the timeline: the drop row gives the staff member, the drop x the start (5-minute steps).
var drag=null;
$('timeline').addEventListener('pointerdown',function(e){
  var el=e.target.closest('rect.vi');if(!el||S.busy)return;
  var svg=$('timeline'),m=svg.getScreenCTM().inverse(),pt=svg.createSVGPoint();pt.x=e.clientX;pt.y=e.clientY;pt=pt.matrixTransform(m);
  drag={el:el,vi:+el.getAttribute('data-v'),x0:pt.x,y0:pt.y,rx:+el.getAttribute('x'),ry:+el.getAttribute('y'),row:+el.parentNode.getAttribute('data-s'),moved:false,m:m};
  el.setPointerCapture(e.pointerId);e.preventDefault();
});
$('timeline').addEventListener('pointermove',function(e){
  if(!drag)return;var pt=$('timeline').createSVGPoint();pt.x=e.clientX;pt.y=e.clientY;pt=pt.matrixTransform(drag.m);
  var dx=pt.x-drag.x0,dy=pt.y-drag.y0;if(Math.abs(dx)+Math.abs(dy)>3)drag.moved=true;
  drag.el.setAttribute('transform','translate('+dx.toFixed(1)+','+dy.toFixed(1)+')');drag.dx=dx;drag.dy=dy;
});
$('timeline').addEventListener('pointerup',function(){
  if(!drag)return;var d=drag;drag=null;
  if(!d.moved){d.el.removeAttribute('transform');select(d.vi);return;}
  var g=S.geo,k=Math.floor((d.ry+d.dy-g.top+8)/g.RH);k=Math.max(0,Math.min(S.rows.length-1,k));
  var toS=S.D.routes[S.rows[k]][0],v=S.D.visits[d.vi];
  var minute=g.t0+(d.rx+d.dx-g.L)/g.sx,w=S.V.wall(Math.round(minute)),w5=Math.round(w/5)*5%1440;
  var hh=Math.floor(w5/60),mm=w5%60,start=(hh<10?'0':'')+hh+':'+(mm<10?'0':'')+mm;
  S.sel=d.vi;
  var mv={visitId:S.ids[d.vi],staff:staffIds(d.vi,d.row,toS)};
  if(Math.abs(Math.round(minute)-v[2])>=3)mv.start=start;
  addMove(mv);
});
$('timeline').addEventListener('keydown',function(e){
  var el=e.target.closest&&e.target.closest('rect.vi');if(!el)return;
  if(e.key==='Enter'||e.key===' '){e.preventDefault();select(+el.getAttribute('data-v'));$('m-staff').focus();}
});
$('do-move').addEventListener('click',function(){
  if(S.sel<0)return;var v=S.D.visits[S.sel],toS=+$('m-staff').value;
  var mv={visitId:S.ids[S.sel],staff:staffIds(S.sel,v[4][0],toS)},st=$('m-start').value;
  if(st&&st!==S.V.hhmm(v[2]))mv.start=st;
  addMove(mv);
});
$('lock').addEventListener('click',function(){
  if(S.sel<0)return;var id=S.ids[S.sel];snapshot();
  var was=lockedNow(id),inPlan=S.ev.locked.indexOf(id)>=0;
  if(was){if(inPlan)S.locks[id]='unlock';else delete S.locks[id];}else{if(inPlan)delete S.locks[id];else S.locks[id]='lock';}
  render();showMoves();showSelected();
});
$('undo').addEventListener('click',function(){var u=S.undo.pop();if(!u)return;S.moves=u.moves;S.locks=u.locks;evaluate(false).catch(fail);});
function onFilter(){F.team=$('f-team').value===''?-1:+$('f-team').value;F.staff=$('f-staff').value===''?-1:+$('f-staff').value;F.client=$('f-client').value===''?-1:+$('f-client').value;F.day=+$('f-day').value;render();}
['f-team','f-staff','f-client','f-day'].forEach(function(id){$(id).addEventListener('change',onFilter);});
$('f-reset').addEventListener('click',function(){['f-team','f-staff','f-client'].forEach(function(id){$(id).value='';});$('f-day').value='0';onFilter();});
$('legend').addEventListener('click',function(e){var b=e.target.closest('button[data-staff]');if(b){$('f-staff').value=b.getAttribute('data-staff');onFilter();}});
// Replan: the moved plan, moved visits locked as they are now, plus the planner's locks and unlocks.
$('replan').addEventListener('click',function(){
  if(!S.job||S.busy)return;S.busy=true;
  var changes=[],seen={};
  S.ev.moved.forEach(function(id){changes.push({type:'lock',visitId:id,keep:'all'});seen[id]=1;});
  Object.keys(S.locks).forEach(function(id){if(seen[id])return;changes.push(S.locks[id]==='lock'?{type:'lock',visitId:id,keep:'all'}:{type:'unlock',visitId:id});});
  Promise.all([instanceText(),evaluate(true)]).then(function(x){
    var body='{"instance":'+x[0]+',"plan":'+JSON.stringify(x[1].plan)+',"changes":'+JSON.stringify({changes:changes})+',"options":'+JSON.stringify(effort())+'}';
    return api('POST','/v1/replan',body);
  }).then(function(r){return run(r.id).then(function(){return openJob(r.id);});}).then(function(){$('changes-box').focus();}).catch(fail);
});
function showOptions(rec){
  var out=rec.options.length?rec.options.map(function(o,i){return '<li>'+esc(o.reason)+' <span class="n">('+esc(sign(o.costDelta))+')</span> <button type="button" data-o="'+i+'">'+esc(B.use)+'</button></li>';}).join(''):'<li>'+esc(B.noOptions)+'</li>';
  $('rec-out').innerHTML='<p>'+esc(rec.message)+'</p><ol>'+out+'</ol>';S.rec=rec;
}
function recommend(request){
  say('status',B.recommend+' \u2026');
  return Promise.all([instanceText(),evaluate(true)]).then(function(x){
    return api('POST','/v1/recommend','{"instance":'+x[0]+',"plan":'+JSON.stringify(x[1].plan)+',"request":'+JSON.stringify(request)+'}');
  }).then(function(rec){S.recPlan=S.ev;showOptions(rec);say('status',B.done);}).catch(fail);
}
function isoOf(date,clock){var p=S.ev.plan,v=p&&p.visits.find(function(x){return x.date===date;});var off=v?v.start.slice(19):'Z';return date+'T'+clock+':00'+off;}
$('rec-visit').addEventListener('click',function(){
  if(S.sel<0)return;var id=S.ids[S.sel];
  evaluate(true).then(function(ev){var pv=ev.plan.visits.find(function(x){return x.id===id;});return recommend({type:'replace',staffId:pv.staff[0],from:pv.start,to:pv.end});}).catch(fail);
});
$('rec-absent').addEventListener('click',function(){
  if(!S.job)return;var s=S.D.staff[+$('a-staff').value][0],d=S.D.days[+$('a-date').value][0];
  evaluate(true).then(function(){var next=S.D.days[+$('a-date').value+1];return recommend({type:'replace',staffId:s,from:isoOf(d,'00:00'),to:next?isoOf(next[0],'00:00'):isoOf(d,'23:59')});}).catch(fail);
});
$('rec-out').addEventListener('click',function(e){
  var b=e.target.closest('button[data-o]');if(!b)return;var o=S.rec.options[+b.getAttribute('data-o')];if(!o.visitId)return;
  addMove({visitId:o.visitId,staff:o.staff,start:o.start.slice(11,16)});
});
// Open: plan an uploaded instance, or open a job of the server.
function ext(f){var m=/\.([a-z]+)$/i.exec(f.name);return m?m[1].toLowerCase():'';}
/** The base64 of a file (FileReader's data URL without its head). */
function base64(f){return new Promise(function(ok,bad){var r=new FileReader();r.onload=function(){var u=String(r.result);ok(u.slice(u.indexOf(',')+1));};r.onerror=function(){bad(r.error);};r.readAsDataURL(f);});}
/** Plans the import sheets (one workbook, or a folder's CSV files) through POST /v1/plans/sheets. */
function submitSheets(files,options){
  var body=ext(files[0])==='xlsx'?base64(files[0]).then(function(b){return {name:files[0].name,workbook:b,options:options};})
    :Promise.all(files.map(function(f){return f.text().then(function(t){return {name:f.name,text:t};});})).then(function(fs){return {files:fs,options:options};});
  return body.then(function(b){return api('POST','/v1/plans/sheets',b);}).then(function(r){
    var s=r.summary;S.note=(B.imported+': '+s.clients+' '+B.nClients+', '+s.staff+' '+B.nStaff+(r.warnings.length?' ('+r.warnings.length+' '+B.importWarnings+': '+r.warnings.map(function(w){return w.code+' '+w.path;}).join('; ')+')':''));say('status',S.note);
    return r.id;
  });
}
$('plan-it').addEventListener('click',function(){
  var files=Array.prototype.slice.call($('instance-file').files);if(!files.length){say('status',B.instanceFile+'?',true);return;}
  var kinds=files.map(ext),o=effort();o.strategy=$('strategy').value;
  var sheets=(files.length===1&&kinds[0]==='xlsx')||kinds.every(function(k){return k==='csv';});
  if(!sheets&&!(files.length===1&&kinds[0]==='json')){say('status',B.badFiles,true);return;}
  (sheets?submitSheets(files,o):files[0].text().then(function(t){JSON.parse(t);return submit(t,o);})).then(function(id){$('job').value=id;return openJob(id);}).catch(fail);
});
$('open-job').addEventListener('click',function(){var id=$('job').value.trim();if(id)openJob(id).catch(fail);});
// Compare: one plan job per strategy on this instance; a manual plan measured by /v1/kpi and /v1/check.
var KROWS=[['contMedian',function(k){return num(k.continuity.national.median);}],['contMean',function(k){return num(k.continuity.national.mean);}],['contAll',function(k){return num(k.continuity.all.median);}],['named',function(k){return pct(k.namedContactShare);}],['travelMin',function(k){return String(k.travelMinutes);}],['travelShare',function(k){return pct(k.travelShare);}],['clientShare',function(k){return pct(k.clientTimeShare);}],['fidelity',function(k){return pct(k.grantedFidelity.withinTolerance);}],['prefTime',function(k){return pct(k.preferences.timeShare);}],['prefStaff',function(k){return pct(k.preferences.staffShare);}],['unplanned',function(k){return String(k.unplanned.count);}],['overtime',function(k){return String(k.overtimeMinutes);}]];
function num(x){return x===null||x===undefined?'\u2013':fmt(Math.round(x*10)/10);}
function pct(x){return x===null||x===undefined?'\u2013':fmt(Math.round(x*1000)/10)+' %';}
var COLS=[];
function showCompare(){
  var head='<tr><th scope="col">'+esc(B.kpi)+'</th>'+COLS.map(function(c){return '<th scope="col" class="n">'+esc(c.label)+'</th>';}).join('')+'</tr>';
  var body=KROWS.map(function(r){return '<tr><th scope="row">'+esc(B.kpis[r[0]])+'</th>'+COLS.map(function(c){return '<td class="n">'+esc(c.kpis?r[1](c.kpis):'\u2026')+'</td>';}).join('')+'</tr>';}).join('');
  body+='<tr><th scope="row">'+esc(B.kpis.violations)+'</th>'+COLS.map(function(c){return '<td class="n">'+esc(c.violations===undefined?'\u2013':String(c.violations))+'</td>';}).join('')+'</tr>';
  $('cmp-out').innerHTML='<table><thead>'+head+'</thead><tbody>'+body+'</tbody></table>';
}
function boardColumn(){return {label:B.thisPlan,kpis:S.kpis,violations:S.ev.violations.length};}
$('cmp-run').addEventListener('click',function(){
  if(!S.job){say('status',B.needJob,true);return;}
  var strategies=Array.prototype.filter.call(document.querySelectorAll('#cmp-strategies input'),function(i){return i.checked;}).map(function(i){return i.value;});
  COLS=[boardColumn()].concat(strategies.map(function(s){return {label:s};}));showCompare();
  instanceText().then(function(t){
    return Promise.all(strategies.map(function(s,i){var o=effort();o.strategy=s;return submit(t,o).then(function(id){return follow(id,function(){}).then(function(){return api('GET','/v1/plans/'+id);}).then(function(st){COLS[i+1].kpis=st.kpis;COLS[i+1].job=id;showCompare();});});}));
  }).then(function(){say('status',B.done);document.documentElement.setAttribute('data-compared',String(COLS.length));}).catch(fail);
});
$('cmp-manual').addEventListener('click',function(){
  var f=$('manual-file').files[0];if(!f||!S.job)return;
  Promise.all([instanceText(),f.text()]).then(function(x){
    var body='{"instance":'+x[0]+',"plan":'+x[1]+'}';
    return Promise.all([api('POST','/v1/kpi',body),api('POST','/v1/check',body)]);
  }).then(function(r){
    if(!COLS.length)COLS=[boardColumn()];
    COLS.push({label:B.manual+' ('+f.name+')',kpis:r[0],violations:r[1].violations.length});showCompare();
    document.documentElement.setAttribute('data-compared',String(COLS.length));
  }).catch(fail);
});
var q=/[?&]job=([0-9a-f-]{36})/.exec(location.search);
if(q)openJob(q[1]).catch(fail);
document.documentElement.setAttribute('data-ready','1');
})();`;
